// `cluster-sync report` through the real bin: a store filled by `cluster add` + `import`, the
// report file read back, and the one-line errors.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin, SAMPLES } from '../helpers/cli.ts';
import { listedRows } from '../helpers/list-sheet.ts';
import { summaryHeaderRow, summaryRows } from '../helpers/summary-sheet.ts';

const dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
const env = { DATA_DIR: join(dir, 'data') };
const run = (args: string[]) => runBin(args, { env, cwd: dir });

beforeAll(async () => {
  const add = await run([
    'cluster',
    'add',
    'tomsk-c',
    '--name',
    'Кластер строительства',
    '--region',
    'Томская область',
    '--new-region',
  ]);
  expect(add.code, add.stderr).toBe(0);
  const imp = await run([
    'import',
    join(SAMPLES, 'roadmap-tomsk-construction-2021.txt'),
    '--cluster',
    'tomsk-c',
  ]);
  expect(imp.code, imp.stderr).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cluster-sync report', () => {
  it('--help names the flags of the contract', async () => {
    const r = await run(['report', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(
      'Использование: cluster-sync report --out FILE.xlsx [--region R] [--cluster SLUG] [--as-of DATE]',
    );
  });

  it('the region and as-of date show in the title block, with --as-of taken as the day of the states', async () => {
    const r = await run(['report', '--out', 'later.xlsx', '--as-of', '2021-03-01']);
    expect(r.code, r.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'later.xlsx'));
    const summary = book.getWorksheet('Сводка')!;
    expect(summary.getCell('B2').value).toBe('все регионы');
    expect(summary.getCell('B3').value).toEqual(new Date('2021-03-01T00:00:00Z'));
    // Fewer items are overdue on 1 March than on 20 November.
    const earlier = Number(/просрочено: (\d+)/.exec(r.stdout)![1]);
    const later = await run(['report', '--out', 'later.xlsx', '--as-of', '2021-11-20']);
    expect(earlier).toBeLessThan(Number(/просрочено: (\d+)/.exec(later.stdout)![1]));
  });

  it('writes the report for a date, and says what is in it', async () => {
    const r = await run([
      'report',
      '--out',
      'otchet.xlsx',
      '--as-of',
      '2021-11-20',
      '--region',
      'Томская область',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^Отчёт записан: .*otchet\.xlsx\nКластеров: 1, мероприятий: \d+, просрочено: \d+/,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'otchet.xlsx'));
    const summary = book.getWorksheet('Сводка')!;
    expect(summary.getCell('B2').value).toBe('Томская область');
    expect(summary.getCell('B3').value).toEqual(new Date('2021-11-20T00:00:00Z'));
    const [row] = summaryRows(summary);
    expect(row.getCell(2).value).toBe('Кластер строительства');
    const items = Number(/мероприятий: (\d+)/.exec(r.stdout)![1]);
    expect(row.getCell(3).value).toBe(items);
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('writes one cluster with --cluster', async () => {
    const r = await run(['report', '--out', 'one.xlsx', '--cluster', 'tomsk-c']);
    expect(r.code, r.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'one.xlsx'));
    const title = book.getWorksheet('Сводка')!;
    expect([title.getCell('A2').value, title.getCell('B2').value]).toEqual(['Регион:', 'Томская область']);
    expect([title.getCell('A3').value, title.getCell('B3').value]).toEqual([
      'Кластер:',
      'Кластер строительства',
    ]);
    // The cluster's counts follow the table's header.
    const h = summaryHeaderRow(title);
    expect([title.getRow(h).getCell(1).value, title.getRow(h + 1).getCell(2).value]).toEqual([
      'Регион',
      'Кластер строительства',
    ]);
  });

  it.each([
    [['report'], /^Ошибка: укажите файл отчёта: --out FILE\.xlsx\n$/],
    [['report', '--out', 'a.csv'], /^Ошибка: --out: файл отчёта должен оканчиваться на \.xlsx: a\.csv\n$/],
    [['report', '--out', 'nowhere/a.xlsx'], /^Ошибка: --out: нет папки .*nowhere\n$/],
    [['report', '--out', 'a.xlsx', '--as-of', '2021-02-30'], /^Ошибка: --as-of: неверная дата «2021-02-30»/],
    [['report', '--out', 'a.xlsx', '--cluster', 'nope'], /^Ошибка: --cluster: кластер «nope» не найден\n$/],
    [
      ['report', '--out', 'a.xlsx', '--region', 'Марс'],
      /^Ошибка: --region: в регионе «Марс» нет кластеров; регионы: Томская область\n$/,
    ],
    [
      ['report', '--out', 'a.xlsx', '--cluster', 'tomsk-c', '--region', 'Марс'],
      /^Ошибка: --cluster: кластер «tomsk-c» из региона «Томская область», а не «Марс»\n$/,
    ],
  ])('%j fails with one line and exit code 2', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(dir, 'a.xlsx'))).toBe(false);
  });
});

// The README's walkthrough: `import fixtures/documents/plan.xlsx`, then `report --as-of 2021-12-01`.
describe('the README example: moves and states from one knowledge, finished plans on request', () => {
  const readme = mkdtempSync(join(tmpdir(), 'report-readme-'));
  const go = (args: string[]) => runBin(args, { env: { DATA_DIR: join(readme, 'data') }, cwd: readme });
  const PLAN_XLSX = join(SAMPLES, '..', 'documents', 'plan.xlsx');
  afterAll(() => rmSync(readme, { recursive: true, force: true }));

  it('lists the move the plan’s mark made, the one its state uses', async () => {
    expect(
      (
        await go([
          'cluster',
          'add',
          'tomsk-build',
          '--name',
          'Строительный кластер',
          '--region',
          'Томская область',
          '--new-region',
        ])
      ).code,
    ).toBe(0);
    expect((await go(['import', PLAN_XLSX, '--cluster', 'tomsk-build'])).code).toBe(0);
    const r = await go([
      'report',
      '--out',
      'svodka.xlsx',
      '--region',
      'Томская область',
      '--as-of',
      '2021-12-01',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Кластеров: 1, мероприятий: 5, просрочено: 0, переносов сроков: 1');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(readme, 'svodka.xlsx'));
    const [{ row: move }] = listedRows(book.getWorksheet('Переносы сроков')!);
    expect([1, 3, 4].map((c) => move.getCell(c).value)).toEqual([
      '2.2',
      new Date('2022-05-31T00:00:00Z'),
      new Date('2022-10-15T00:00:00Z'),
    ]);
    const item = listedRows(book.getWorksheet('Все мероприятия')!)
      .map((l) => l.row)
      .find((row) => row.getCell(1).value === '2.2')!;
    expect(item.getCell(5).value).toEqual(new Date('2022-10-15T00:00:00Z'));
  });

  it('after the plan’s year it is finished: out of the counts, its final tally with --finished', async () => {
    const current = await go(['report', '--out', 'later.xlsx', '--as-of', '2023-02-01']);
    expect(current.stdout).toContain('Кластеров: 1, мероприятий: 0, просрочено: 0, переносов сроков: 0');
    const r = await go(['report', '--out', 'later.xlsx', '--as-of', '2023-02-01', '--finished']);
    expect(r.stdout).toContain('завершённых планов: 1');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(readme, 'later.xlsx'));
    const row = book.getWorksheet('Завершённые планы')!.getRow(2);
    // 5 items: 1.1 «Выполнено» without a date, the other four not done.
    expect([6, 7, 8, 9, 10, 11].map((c) => row.getCell(c).value)).toEqual([5, 0, 0, 1, 4, 0]);
  });
});
