// The per-sheet memo of recognition: same fingerprint → same documents without recognising again;
// a changed sheet or option recomputes; the item budget evicts the oldest sheets.
import type { Document } from '@cluster/shared';
import { describe, expect, it } from 'vitest';
import { RecognitionCache } from '../../src/app/recognition-cache.ts';

const doc = (items: number): Document[] => [
  {
    title: 't',
    kind: 'table',
    period: null,
    items: Array.from({ length: items }, () => ({}) as Document['items'][number]),
  },
];

describe('RecognitionCache', () => {
  it('recomputes only when the fingerprint changes', () => {
    const cache = new RecognitionCache();
    let calls = 0;
    const compute = () => {
      calls++;
      return doc(3);
    };
    const k1 = RecognitionCache.keyOf([{ today: '2025-01-01' }, [['a']]]);
    const first = cache.get('sheet', k1, compute);
    expect(cache.get('sheet', k1, compute)).toBe(first);
    expect(calls).toBe(1);
    expect(RecognitionCache.keyOf([{ today: '2025-01-02' }, [['a']]])).not.toBe(k1);
    cache.get('sheet', RecognitionCache.keyOf([{ today: '2025-01-02' }, [['a']]]), compute);
    expect(calls).toBe(2);
  });

  it('keeps at most maxItems items, dropping the least recently used sheet', () => {
    const cache = new RecognitionCache(10);
    let calls = 0;
    const compute = () => {
      calls++;
      return doc(4);
    };
    cache.get('a', 'k', compute);
    cache.get('b', 'k', compute);
    cache.get('a', 'k', compute); // hit: a becomes the newest
    cache.get('c', 'k', compute); // 12 items > 10: b goes
    expect(calls).toBe(3);
    cache.get('a', 'k', compute);
    expect(calls).toBe(3);
    cache.get('b', 'k', compute);
    expect(calls).toBe(4);
  });
});
