// The dashboard clicked in real Chromium against a real service on loopback with the samples
// synced: sign in, pick the date, filter the overdue list, open an item's history, download the
// report (read back with exceljs); injected HTML shows as text and runs nothing. Screenshots go to
// sync-service/test-output/dashboard/.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, outputDir } from '../../helpers/chromium.ts';
import { HTML_CLUSTER, HTML_FIELDS, htmlPlan, syncPlan } from '../../helpers/dashboard.ts';
import { type Harness, startHarness } from '../../helpers/http-harness.ts';
import { AS_OF, EVIL, MARKS_CLUSTER, seedReportData } from '../../helpers/report-data.ts';
import { SAMPLE_CLUSTERS } from '../../helpers/report-fixtures.ts';

const OUT = outputDir('dashboard');
const TOMSK = SAMPLE_CLUSTERS.filter((c) => c.region === 'Томская область');

let h: Harness;
let browser: Browser;
let tomskDept: string;

beforeAll(async () => {
  h = await startHarness('sqlite');
  const { store } = h.services;
  await seedReportData(store);
  await store.clusters.create(HTML_CLUSTER);
  await syncPlan(store, HTML_CLUSTER.slug, 'html.txt', htmlPlan());
  await store.departments.create({
    slug: 'tomsk-edu',
    name: 'Департамент образования',
    region: 'Томская область',
  });
  tomskDept = await h.token('department', 'tomsk-edu');
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** A fresh browser profile in Russian, recording dialogs and console errors (CSP violations land there). */
async function open(): Promise<{ context: BrowserContext; page: Page; dialogs: string[]; errors: string[] }> {
  const context = await browser.newContext({
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    acceptDownloads: true,
    viewport: { width: 1400, height: 900 },
  });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  return { context, page, dialogs, errors };
}

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(`${h.url}/`);
  await page.getByLabel('Токен доступа').fill(token);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForSelector('h1:has-text("Сводка на")');
}

const texts = (page: Page, selector: string) => page.locator(selector).allInnerTexts();

describe('dashboard in Chromium', () => {
  it('signs in, filters the overdue list, opens an item’s history and downloads the report', async () => {
    const { context, page, dialogs, errors } = await open();
    try {
      await page.goto(`${h.url}/`);
      expect(await page.locator('h1').innerText()).toBe('Вход');
      await page.screenshot({ path: join(OUT, 'sign-in.png') });

      // A wrong token: the same page with the error.
      await page.getByLabel('Токен доступа').fill('cst_not-a-real-token');
      await page.getByRole('button', { name: 'Войти' }).click();
      expect(await page.locator('.error').innerText()).toBe('Неверный или отозванный токен');
      expect(errors).toEqual([`401 ${h.url}/login`]);
      errors.length = 0;

      await signIn(page, tomskDept);
      // The cookie is HttpOnly (no script sees it) and SameSite=Strict.
      expect(await page.evaluate('document.cookie')).toBe('');
      const [session] = (await context.cookies()).filter((c) => c.name === 'cluster_session');
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

      // Pick the day the known data is judged on.
      await page.locator('input[name=asOf]').fill(AS_OF);
      await page.getByRole('button', { name: 'Показать' }).click();
      await page.waitForURL(/asOf=2021-11-20/);
      expect(await page.locator('h1').innerText()).toBe('Сводка на 20.11.2021');
      const clusterNames = await texts(page, 'table.clusters tbody .name');
      expect([...clusterNames].sort()).toEqual(TOMSK.map((c) => c.name).sort());
      const all = await page.locator('table.overdue tbody tr').count();
      expect(all).toBeGreaterThan(1);

      // Filter: one cluster, an executor.
      await page.locator('select[name=cluster]').selectOption('tomsk-construction');
      await page.getByLabel('Исполнитель').fill('совет');
      await page.getByRole('button', { name: 'Показать' }).click();
      await page.waitForURL(/executor=/);
      const rows = page.locator('table.overdue tbody tr');
      const shown = await rows.count();
      const expected = await h.services.store.items.list({
        clusterSlugs: ['tomsk-construction'],
        executor: 'совет',
        state: 'overdue',
        asOf: { today: AS_OF, soonDays: h.config.soonDays },
      });
      expect(shown).toBe(expected.length);
      expect(shown).toBeGreaterThan(0);
      expect(shown).toBeLessThan(all);
      for (const cell of await texts(page, 'table.overdue tbody td:nth-child(6)')) {
        expect(cell.toLowerCase()).toContain('совет');
      }
      for (const cell of await texts(page, 'table.overdue tbody td:nth-child(2)')) {
        expect(cell).toBe('Кластер строительства');
      }
      expect(await page.locator('select[name=cluster]').inputValue()).toBe('tomsk-construction');
      await page.screenshot({ path: join(OUT, 'overview-filtered.png'), fullPage: true });

      // Open the first (most overdue) item's history.
      const first = rows.first().locator('td:nth-child(5) a');
      const title = await first.innerText();
      await first.click();
      await page.waitForURL(/\/items\//);
      expect(await page.locator('h1').innerText()).toContain(title);
      // One entry per sync: the first says the item was added, and from which file.
      const entries = await texts(page, 'table.history tbody td:nth-child(3)');
      expect(entries[0]).toBe('Добавлено');
      expect((await texts(page, 'table.history tbody td:nth-child(2)'))[0]).toMatch(/^файл «.+»/);
      const when = await texts(page, 'table.history tbody td.date');
      for (const w of when) expect(w).toMatch(/^\d\d\.\d\d\.\d{4} \d\d:\d\d$/);
      expect(await page.locator('table.facts').innerText()).toContain('Состояние на 20.11.2021');
      await page.screenshot({ path: join(OUT, 'item-history.png'), fullPage: true });

      // Back to the overview, and download the consolidated report with the button.
      await page.getByRole('link', { name: '← Сводка' }).click();
      await page.waitForSelector('h1:has-text("Сводка на 20.11.2021")');
      await page.screenshot({ path: join(OUT, 'overview.png'), fullPage: true });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Скачать сводный отчёт (XLSX)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`svodnyj-otchet-${AS_OF}.xlsx`);
      const file = join(OUT, download.suggestedFilename());
      await download.saveAs(file);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const summary = book.getWorksheet('Сводка');
      expect(summary).toBeDefined();
      expect(summary!.getCell('B2').value).toBe('Томская область');

      // Sign out: the cookie is gone and / asks for the token again.
      await page.getByRole('button', { name: 'Выйти' }).click();
      await page.waitForSelector('h1:has-text("Вход")');
      expect((await context.cookies()).filter((c) => c.name === 'cluster_session')).toEqual([]);

      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows injected HTML as text and runs none of it', async () => {
    const { context, page, dialogs, errors } = await open();
    try {
      await signIn(page, h.admin);
      await page.goto(`${h.url}/?asOf=${AS_OF}`);
      const dangerous = 'script, iframe, img, svg[onload], body *[onerror], body *[onload]';
      expect(await page.locator(dangerous).count()).toBe(0);
      const names = await texts(page, 'table.clusters tbody .name');
      expect(names).toContain(HTML_CLUSTER.name);
      const overdue = await page.locator('table.overdue').innerText();
      for (const text of [
        HTML_FIELDS.title,
        HTML_FIELDS.executor,
        HTML_FIELDS.result,
        HTML_FIELDS.mark,
        EVIL.html,
      ]) {
        expect(overdue).toContain(text);
      }
      await page.getByRole('link', { name: HTML_FIELDS.title }).click();
      await page.waitForURL(/\/items\//);
      expect(await page.locator(dangerous).count()).toBe(0);
      const facts = await page.locator('table.facts').innerText();
      for (const text of [
        HTML_CLUSTER.name,
        HTML_FIELDS.task,
        HTML_FIELDS.executor,
        HTML_FIELDS.result,
        HTML_FIELDS.mark,
      ]) {
        expect(facts).toContain(text);
      }
      expect(await page.locator('h1').innerText()).toContain(HTML_FIELDS.title);
      await page.screenshot({ path: join(OUT, 'injection-item.png'), fullPage: true });

      // An item whose deadline a later sync moved: the history says old → new.
      const moved = (await h.services.store.items.list({ clusterSlugs: [MARKS_CLUSTER.slug] })).find(
        (i) => i.number === '5',
      )!;
      await page.goto(`${h.url}/items/${moved.id}?asOf=${AS_OF}`);
      const events = await page.locator('table.history tbody tr').allInnerTexts();
      expect(events.some((e) => /Срок перенесён: 30\.09\.2021 → 15\.12\.2021/.test(e))).toBe(true);
      await page.screenshot({ path: join(OUT, 'item-moved.png'), fullPage: true });
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
