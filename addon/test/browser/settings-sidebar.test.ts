// «Настройки кластера» in real Chromium: values saved from the form come back when the sidebar is
// opened again; the token is only ever shown as its last four characters; a bad address is refused
// with a message naming the field.
import { spawn } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROADMAP, worldWith } from '../helpers.ts';
import { closedPort } from '../service-process.ts';
import { type GasPage, launchChromium, openLastSidebar } from './gas-page.ts';

let browser: Browser;
beforeAll(async () => {
  await ensureBuilt();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const TOKEN = 'cst_secret_token_1234abcd';

async function values(gas: GasPage): Promise<Record<string, string | boolean>> {
  return gas.page.evaluate(() => {
    const v = (id: string) => (document.getElementById(id) as HTMLInputElement).value;
    return {
      serviceUrl: v('serviceUrl'),
      cluster: v('cluster'),
      token: v('token'),
      periodStart: v('periodStart'),
      periodEnd: v('periodEnd'),
      soonDays: v('soonDays'),
      autoDaily: (document.getElementById('autoDaily') as HTMLInputElement).checked,
      tokenHint: document.getElementById('tokenHint')?.textContent ?? '',
    };
  });
}

async function save(gas: GasPage): Promise<void> {
  await gas.page.locator('#save').click();
  await gas.settle();
}

describe('settings sidebar in Chromium', () => {
  it('saves the form; reopened, the values come back and the token only as ••••abcd', async () => {
    const w = worldWith(ROADMAP);
    w.call('showSettings');
    const first = await openLastSidebar(browser, w);
    const { page } = first;
    expect(await values(first)).toEqual({
      serviceUrl: '',
      cluster: '',
      token: '',
      periodStart: '',
      periodEnd: '',
      soonDays: '14',
      autoDaily: false,
      tokenHint: '(не задан)',
    });

    await page.fill('#serviceUrl', 'https://cluster.example.ru/');
    await page.fill('#cluster', 'tomsk-build');
    await page.fill('#token', TOKEN);
    await page.fill('#periodStart', '2021-01-01');
    await page.fill('#periodEnd', '2021-12-31');
    await page.fill('#soonDays', '10');
    await page.check('#autoDaily');
    await save(first);
    expect(await page.locator('#message').textContent()).toBe('Настройки сохранены.');
    expect(await page.locator('#message').getAttribute('class')).toBe('ok');
    // The typed token is cleared from the form at once; only its hint stays.
    expect(await values(first)).toMatchObject({ token: '', tokenHint: '(сохранён: ••••abcd)' });
    expect(await page.locator('#token').getAttribute('type')).toBe('password');
    await first.screenshot('settings-saved');

    // Stored in the document's properties; the daily trigger installed.
    expect(Object.fromEntries(w.services.documentProperties)).toMatchObject({
      'cluster.serviceUrl': 'https://cluster.example.ru',
      'cluster.slug': 'tomsk-build',
      'cluster.token': TOKEN,
      'cluster.periodStart': '2021-01-01',
      'cluster.periodEnd': '2021-12-31',
      'cluster.soonDays': '10',
      'cluster.autoDaily': 'true',
    });
    expect(w.services.triggers.map((t) => t.handler)).toEqual(['dailyRun']);
    await page.context().close();

    // The sidebar is closed and opened again from the menu: a new page, values read from the server.
    w.call('showSettings');
    const second = await openLastSidebar(browser, w);
    expect(await values(second)).toEqual({
      serviceUrl: 'https://cluster.example.ru',
      cluster: 'tomsk-build',
      token: '',
      periodStart: '2021-01-01',
      periodEnd: '2021-12-31',
      soonDays: '10',
      autoDaily: true,
      tokenHint: '(сохранён: ••••abcd)',
    });
    // The full token never reaches the browser: not in the page, not in any server response.
    expect(await second.page.content()).not.toContain(TOKEN);
    for (const c of [...first.calls, ...second.calls]) expect(c.response).not.toContain('secret_token');

    // Saving with the token field left empty keeps the stored token.
    await second.page.fill('#cluster', 'tomsk-build-2');
    await save(second);
    expect(await second.page.locator('#message').textContent()).toBe('Настройки сохранены.');
    expect(w.services.documentProperties.get('cluster.token')).toBe(TOKEN);
    expect(w.services.documentProperties.get('cluster.slug')).toBe('tomsk-build-2');
    expect(second.blocked).toEqual([]);
    expect([...first.errors, ...second.errors]).toEqual([]);
    await second.page.context().close();
  });

  it('a wrong service address is refused with a message naming the field; nothing is stored', async () => {
    const w = worldWith(ROADMAP);
    w.call('showSettings');
    const gas = await openLastSidebar(browser, w);
    const { page } = gas;
    await page.fill('#cluster', 'tomsk-build');
    await page.fill('#token', TOKEN);

    // Not an address at all: the browser's own check stops the form before any server call.
    await page.fill('#serviceUrl', 'cluster.example.ru');
    const before = gas.calls.length;
    await page.locator('#save').click();
    await gas.settle();
    expect(gas.calls.length).toBe(before);
    expect(await page.locator('#serviceUrl').evaluate((e: HTMLInputElement) => e.validity.typeMismatch)).toBe(
      true,
    );
    expect(w.services.documentProperties.size).toBe(0);

    // An address the browser accepts but the service cannot be: the server's Russian message.
    await page.fill('#serviceUrl', 'ftp://cluster.example.ru');
    await save(gas);
    expect(gas.calls.at(-1)).toMatchObject({ name: 'saveSettings', ok: false });
    const message = page.locator('#message');
    expect(await message.textContent()).toBe('Адрес сервиса: нужен адрес вида https://cluster.example.ru');
    expect(await message.getAttribute('class')).toBe('error');
    expect(await page.locator('#save').isEnabled()).toBe(true);
    expect(w.services.documentProperties.size).toBe(0);
    await gas.screenshot('settings-invalid-url');

    // Corrected, it saves.
    await page.fill('#serviceUrl', 'https://cluster.example.ru');
    await save(gas);
    expect(await message.textContent()).toBe('Настройки сохранены.');
    expect(w.services.documentProperties.get('cluster.serviceUrl')).toBe('https://cluster.example.ru');
    expect(gas.errors).toEqual([]);
    await page.context().close();
  });

  it('«Проверить подключение»: says the connection works, or why not, in Russian', async () => {
    // A service on loopback (its own process: the fetch fake blocks this one) that knows one token.
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const s = require('node:http').createServer((q, r) => {
           const ok = q.headers.authorization === 'Bearer ${TOKEN}';
           r.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
           r.end(ok ? '{"items":[]}' : '{"error":{"message":"bad token"}}');
         });
         s.listen(0, '127.0.0.1', () => process.stdout.write(s.address().port + '\\n'));`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const port = await new Promise<string>((r) =>
        child.stdout?.once('data', (d: Buffer) => r(d.toString().trim())),
      );
      const w = worldWith(ROADMAP);
      w.call('showSettings');
      const gas = await openLastSidebar(browser, w);
      const { page } = gas;
      const message = page.locator('#message');
      await page.fill('#serviceUrl', `http://127.0.0.1:${port}`);
      await page.fill('#cluster', 'tomsk-build');
      await page.fill('#token', TOKEN);
      await page.locator('#check').click();
      await gas.settle();
      await expect.poll(() => message.getAttribute('class')).toBe('ok');
      expect(await message.textContent()).toBe(
        `Подключение работает: сервис http://127.0.0.1:${port} принял токен, кластер «tomsk-build» доступен.`,
      );
      expect(w.services.documentProperties.size).toBe(0); // checking saves nothing
      await gas.screenshot('settings-connection-ok');

      await page.fill('#token', 'cst_wrong_token');
      await page.locator('#check').click();
      await gas.settle();
      await expect.poll(() => message.getAttribute('class')).toBe('error');
      expect(await message.textContent()).toMatch(/^Сервис не принял токен \(401\)/);

      const closed = await closedPort();
      await page.fill('#serviceUrl', `http://127.0.0.1:${closed}`);
      await page.locator('#check').click();
      await gas.settle();
      await expect.poll(() => message.textContent()).toMatch(/недоступен/);
      const text = (await message.textContent()) ?? '';
      expect(text).toMatch(/^Сервис http:\/\/127\.0\.0\.1:\d+ недоступен\. .*\nПодробности: /s);
      expect(text).not.toMatch(/Exception:|Error:/);
      await gas.screenshot('settings-connection-failed');
      expect(gas.errors).toEqual([]);
      await page.context().close();
    } finally {
      child.kill();
    }
  });
});
