// «Решения из протокола» in real Chromium: a protocol's text pasted into the dialog becomes rows of
// the decisions register; a second protocol continues the numbering; empty text is refused.
import { parseProtocol } from '@cluster/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddonWorld } from '../fakes/world.ts';
import { ensureBuilt, sample } from '../helpers.ts';
import { launchChromium, openLastDialog } from './gas-page.ts';

let browser: Browser;
beforeAll(async () => {
  await ensureBuilt();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('protocol dialog in Chromium', () => {
  it('pasted protocols are appended as rows of the decisions register', async () => {
    const w = new AddonWorld({ now: '2021-11-01T09:00:00Z' });
    w.model.addSheet('Лист1');
    w.call('showProtocolDialog');
    expect(w.ui.dialogs[0]).toMatchObject({ width: 640, height: 520 });
    const gas = await openLastDialog(browser, w);
    const { page } = gas;
    expect(page.viewportSize()).toEqual({ width: 640, height: 520 });

    // What the domain core reads from each protocol, independently of the add-in.
    const tomsk = sample('protocol-tomsk-industrial-2021.txt');
    const smolensk = sample('protocol-smolensk-transport-2019.txt');
    const tomskItems = parseProtocol(tomsk, { today: '2021-11-01' }).items;
    const smolenskItems = parseProtocol(smolensk, { today: '2021-11-01' }).items;
    expect(tomskItems.length).toBeGreaterThan(0);

    await page.fill('#text', tomsk);
    await page.locator('#import').click();
    await gas.settle();
    const message = page.locator('#message');
    expect(await message.getAttribute('class')).toBe('ok');
    expect(await message.textContent()).toMatch(
      new RegExp(`^Добавлено решений: ${tomskItems.length} \\(лист «Реестр решений», с строки 4\\)\\.`),
    );
    await gas.screenshot('protocol-dialog');

    const register = w.model.sheets.find((s) => s.name === 'Реестр решений');
    if (!register) throw new Error('no decisions register was created');
    const row = (r: number) => [1, 2, 3, 4, 5].map((c) => register.value(r, c));
    tomskItems.forEach((item, i) => {
      expect(row(4 + i)).toEqual([
        String(i + 1),
        item.title,
        item.executors.join(', '),
        item.deadline.raw,
        '№ 2 от 22.10.2021',
      ]);
    });

    // The same dialog, a second protocol: appended below, numbering on.
    await page.fill('#text', smolensk);
    await page.locator('#import').click();
    await gas.settle();
    const next = 4 + tomskItems.length;
    expect(await message.textContent()).toMatch(
      new RegExp(
        `^Добавлено решений: ${smolenskItems.length} \\(лист «Реестр решений», с строки ${next}\\)\\.`,
      ),
    );
    expect(register.value(next, 1)).toBe(String(tomskItems.length + 1));
    expect(register.value(next + smolenskItems.length - 1, 2)).toBe(smolenskItems.at(-1)?.title);
    expect(register.value(next + smolenskItems.length, 2)).toBe('');
    expect(w.model.sheets.filter((s) => s.name.startsWith('Реестр решений'))).toHaveLength(1);

    await page.locator('#close').click();
    await expect.poll(() => gas.host).toEqual(['close']);
    expect(gas.blocked).toEqual([]);
    expect(gas.errors).toEqual([]);
    await page.context().close();
  });

  it('empty text or text without decisions: a message, nothing written, the button usable again', async () => {
    const w = new AddonWorld();
    w.model.addSheet('Лист1');
    w.call('showProtocolDialog');
    const gas = await openLastDialog(browser, w);
    const { page } = gas;
    const message = page.locator('#message');

    await page.locator('#import').click();
    await gas.settle();
    expect(await message.textContent()).toBe('Вставьте текст протокола.');
    expect(await message.getAttribute('class')).toBe('error');
    expect(await page.locator('#import').isEnabled()).toBe(true);

    await page.fill('#text', 'Просто заметки о встрече: обсудили планы, договорились созвониться.');
    await page.locator('#import').click();
    await gas.settle();
    expect(await message.textContent()).toMatch(/^В тексте не найдено решений/);
    expect(w.model.sheets.map((s) => s.name)).toEqual(['Лист1']);
    await gas.screenshot('protocol-dialog-refused');
    expect(gas.errors).toEqual([]);
    await page.context().close();
  });
});
