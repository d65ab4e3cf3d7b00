// The dashboard on a 390 px phone and a 1366 px laptop in real Chromium, on both backends: no page
// scrolls sideways (tables become cards on the phone), the КИД and trend sections and their inline
// SVG charts show with no script and no CSP complaint, the items list searches, sorts and pages, and
// a coordinator's upload works on both. Screenshots go to sync-service/test-output/screens/.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, outputDir } from '../../helpers/chromium.ts';
import { BACKENDS, type Harness, startHarness } from '../../helpers/http-harness.ts';
import { KID_CLUSTER, kidPlan, seedKid } from '../../helpers/officials.ts';
import { AS_OF, seedReportData } from '../../helpers/report-data.ts';

const OUT = outputDir('screens');
const WIDTHS = [390, 1366];

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe.each(BACKENDS)('dashboard screens on %s', (backend) => {
  let h: Harness;
  let coordinator: string;

  beforeAll(async () => {
    h = await startHarness(backend);
    await seedReportData(h.services.store);
    await seedKid(h.services.store);
    coordinator = await h.token('cluster', KID_CLUSTER.slug);
  }, 90_000);
  afterAll(async () => {
    await h?.close();
  });

  async function open(
    width: number,
    token: string,
  ): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width, height: 844 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${h.url}/`);
    await page.getByLabel('Токен доступа').fill(token);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForSelector('h1:has-text("Сводка на")');
    return { page, errors, close: () => context.close() };
  }

  /** How far the page scrolls sideways (0 when it fits). */
  const sideways = (page: Page) =>
    page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

  it.each(WIDTHS)(
    'at %i px: home and lists fit the width, charts are inline SVG, no script errors',
    async (width) => {
      const { page, errors, close } = await open(width, h.admin);
      try {
        await page.goto(`${h.url}/?asOf=${AS_OF}`);
        expect(await sideways(page)).toBeLessThanOrEqual(0);
        await expect(page.locator('#kid h2').innerText()).resolves.toContain('КИД');
        expect(await page.locator('#kid .kid-red').count()).toBeGreaterThan(0);
        expect(await page.locator('#trend svg.spark').count()).toBeGreaterThan(0);
        expect(await page.locator('script').count()).toBe(0);
        await page.screenshot({ path: join(OUT, `${backend}-home-${width}.png`), fullPage: true });
        // On the phone each row is a card: its cells stack under each other, none is left to
        // scroll sideways inside its box (the clusters table and the overdue list once were).
        for (const selector of [
          `#kid tr[data-kid-cluster="${KID_CLUSTER.slug}"]`,
          'table.clusters tbody tr',
          'table.overdue tbody tr',
        ]) {
          const row = page.locator(selector).first();
          const cells = row.locator('td');
          const [a, b] = [await cells.nth(1).boundingBox(), await cells.nth(2).boundingBox()];
          if (width === 390) expect(b!.y, selector).toBeGreaterThan(a!.y);
          else expect(b!.y, selector).toBe(a!.y);
          if (width === 390) {
            const box = await row.boundingBox();
            expect(box!.x + box!.width, selector).toBeLessThanOrEqual(width);
          }
        }
        // On a laptop a stacked table is an ordinary table across its card (the sign-in form's
        // narrow column once applied to every table that stacks on a phone).
        if (width === 1366) {
          for (const table of ['table.kid-clusters', 'table.clusters', 'table.overdue']) {
            expect((await page.locator(table).boundingBox())!.width, table).toBeGreaterThan(width / 2);
          }
        }

        await page.goto(`${h.url}/items?state=overdue&asOf=${AS_OF}`);
        expect(await sideways(page)).toBeLessThanOrEqual(0);
        expect(await page.locator('tr[data-item]').count()).toBeGreaterThan(0);
        if (width === 1366)
          expect((await page.locator('table.items-list').boundingBox())!.width).toBeGreaterThan(width / 2);
        await page.getByRole('link', { name: 'Все', exact: true }).click();
        await page.getByLabel('Поиск').fill('Четвёртое');
        await page.getByRole('button', { name: 'Показать' }).click();
        await page.waitForURL(/q=/);
        expect(await page.locator('tr[data-item]').count()).toBe(1);
        expect(await sideways(page)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(OUT, `${backend}-items-${width}.png`), fullPage: true });

        // Order and pages, as a reader clicks them: by due, then the next page of 25.
        await page.goto(`${h.url}/items?asOf=${AS_OF}`);
        await page.locator('select[name=sort]').selectOption('due');
        await page.getByRole('button', { name: 'Показать' }).click();
        await page.waitForURL(/sort=due/);
        const shown = () =>
          page.locator('tr[data-item]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item')));
        const dues = async () =>
          (await page.locator('tr[data-item] td.date').allInnerTexts())
            .map((d) => d.trim())
            .filter((d) => /^\d\d\.\d\d\.\d{4}$/.test(d))
            .map((d) => d.split('.').reverse().join('-'));
        const first = await shown();
        expect(first).toHaveLength(25);
        const firstDues = await dues();
        expect(firstDues).toEqual([...firstDues].sort());
        await page.getByRole('link', { name: 'дальше →' }).first().click();
        await page.waitForURL(/page=2/);
        expect(new URL(page.url()).searchParams.get('sort')).toBe('due');
        const second = await shown();
        expect(second.length).toBeGreaterThan(0);
        expect(second.filter((id) => first.includes(id))).toEqual([]);
        const secondDues = await dues();
        expect(secondDues).toEqual([...secondDues].sort());
        if (firstDues.length && secondDues.length)
          expect(secondDues[0] >= firstDues[firstDues.length - 1]).toBe(true);
        expect(await sideways(page)).toBeLessThanOrEqual(0);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    },
  );

  it.each(WIDTHS)('at %i px a coordinator uploads a file and sees the outcome', async (width) => {
    const { page, errors, close } = await open(width, coordinator);
    try {
      await page.locator('input[type=file]').setInputFiles({
        name: 'kid.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from(kidPlan(true)),
      });
      await page.getByRole('button', { name: 'Загрузить' }).click();
      await page.waitForSelector('[role=status]');
      expect(await page.locator('[role=status]').innerText()).toMatch(/^Файл загружен: новых \d+/);
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      await page.locator('input[type=file]').setInputFiles({
        name: 'empty.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('просто текст\n'),
      });
      await page.getByRole('button', { name: 'Загрузить' }).click();
      await page.waitForSelector('[role=alert]');
      expect(await page.locator('[role=alert]').innerText()).toContain('Файл не загружен');
      // The 422 answer itself is logged by Chromium as a failed resource; nothing else may be.
      expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
    } finally {
      await close();
    }
  });
});
