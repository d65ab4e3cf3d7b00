// Whom failed authentications are counted for: an IPv4 address as it is, an IPv6 address by its
// /64 (whatever way the address is written).
import { describe, expect, it } from 'vitest';
import { clientKey } from '../../src/http/throttle.ts';

describe('clientKey', () => {
  it('keeps an IPv4 address, also written IPv4-mapped', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::FFFF:203.0.113.8')).toBe('203.0.113.8');
  });

  it('gives every address of one IPv6 /64 the same key, however written', () => {
    const key = clientKey('2001:db8:1:2::1');
    expect(key).toBe('2001:db8:1:2::/64');
    for (const same of [
      '2001:db8:1:2:ffff:ffff:ffff:ffff',
      '2001:0DB8:0001:0002:0:0:0:9',
      '2001:db8:1:2::',
      '2001:db8:1:2:a:b:1.2.3.4',
    ])
      expect(clientKey(same)).toBe(key);
  });

  it('gives other /64s other keys', () => {
    expect(clientKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKey('64:ff9b::198.51.100.1')).toBe('64:ff9b:0:0::/64');
  });

  it('passes anything that is not an address through', () => {
    expect(clientKey('unknown')).toBe('unknown');
  });
});
