// «Исполнительская дисциплина» on hand-made items: on time, late (by the mark's date), open overdue,
// not yet due, cancelled, done without a date; per cluster, the five worst, per executor; colours.
import { PassThrough } from 'node:stream';
import { KID_RULE_RU, type Mark, STATE_FILL } from '@cluster/shared';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeConsolidatedReport } from '../../src/reports/consolidated.ts';
import type { ReportCluster, ReportItem } from '../../src/reports/model.ts';
import { DISCIPLINE_HEADER_ROW, DISCIPLINE_SHEET } from '../../src/reports/sheets/discipline.ts';
import { memorySource } from '../helpers/report-fixtures.ts';

const AS_OF = '2021-06-30';
const A: ReportCluster = { slug: 'a', name: 'Кластер А', region: 'Томская область' };
const B: ReportCluster = { slug: 'b', name: 'Кластер Б', region: 'Томская область' };
const PERIOD = { start: '2021-01-01', end: '2021-12-31' };

let n = 0;
function item(cluster: ReportCluster, executors: string[], due: string, mark: Mark): ReportItem {
  n++;
  return {
    id: `i${n}`,
    cluster,
    document: { title: `План ${cluster.name}`, period: PERIOD },
    row: n,
    number: String(n),
    task: '',
    title: `Мероприятие ${n}`,
    executors,
    deadline: { raw: due, kind: 'date', start: null, due },
    result: '',
    mark,
  };
}
const none: Mark = { raw: '', status: 'none' };
const doneOn = (date: string): Mark => ({ raw: `выполнено ${date}`, status: 'done', date });

const ITEMS: ReportItem[] = [
  // Кластер А, Иванов: 2 on time, 1 done 30 days late, 1 overdue 15 days → КИД 50, weighted 2 ÷ 5.5.
  item(A, ['Иванов И.И.'], '2021-03-01', doneOn('2021-02-20')),
  item(A, ['Иванов И. И.'], '2021-04-01', doneOn('2021-04-01')),
  item(A, ['Иванов И.И.'], '2021-04-01', doneOn('2021-05-01')),
  item(A, ['Иванов И.И.', 'Петрова А.А.'], '2021-06-15', none),
  // Петрова also: one not yet due, one cancelled, one done without a date: none count.
  item(A, ['Петрова А.А.'], '2021-09-01', none),
  item(A, ['Петрова А.А.'], '2021-03-01', { raw: 'отменено', status: 'cancelled' }),
  item(A, ['Петрова А.А.'], '2021-03-01', { raw: 'выполнено', status: 'done' }),
  // Кластер Б: the same role as in А is another person; 3 on time, 1 late by 3 days → 75.
  item(B, ['Председатель КС'], '2021-02-01', doneOn('2021-02-01')),
  item(B, ['Председатель КС'], '2021-02-01', doneOn('2021-01-10')),
  item(B, ['Председатель КС'], '2021-05-01', doneOn('2021-05-04')),
  item(B, ['Председатель КС'], '2021-05-01', doneOn('2021-04-30')),
  item(A, ['Председатель КС'], '2021-05-01', doneOn('2021-04-30')),
];

let sheet: ExcelJS.Worksheet;
let rows: unknown[][];

beforeAll(async () => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeConsolidatedReport(
    memorySource([A, B], ITEMS),
    {
      asOf: AS_OF,
      region: 'Томская область',
      soonDays: 14,
      generatedAt: new Date(),
      timeZone: 'Europe/Moscow',
    },
    out,
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  sheet = workbook.getWorksheet(DISCIPLINE_SHEET)!;
  rows = [];
  for (let r = DISCIPLINE_HEADER_ROW + 1; r <= sheet.rowCount; r++) {
    rows.push((sheet.getRow(r).values as unknown[]).slice(1));
  }
});

const pick = (group: string, cluster: string, executor = '') =>
  rows.find((r) => r[0] === group && (r[1] ?? '') === cluster && (r[2] ?? '') === executor);

describe('Исполнительская дисциплина', () => {
  it('states the formula above the table', () => {
    expect(sheet.getCell('A2').value).toBe(KID_RULE_RU);
    expect((sheet.getRow(DISCIPLINE_HEADER_ROW).values as unknown[]).slice(1)).toEqual([
      'Раздел',
      'Кластер',
      'Исполнитель',
      'Срок наступил',
      'Выполнено в срок',
      'Выполнено с опозданием',
      'Просрочено сейчас',
      'Дней опоздания',
      'КИД, %',
      'КИД с учётом дней опоздания, %',
    ]);
  });

  it('per executor within a cluster: spellings merged, late by the mark date, overdue till the as-of date', () => {
    const ivanov = pick('Исполнитель', 'Кластер А', 'Иванов И.И.')!;
    expect(ivanov.slice(3, 8)).toEqual([4, 2, 1, 1, 30 + 15]);
    expect(ivanov[8]).toBeCloseTo(50, 10);
    expect(ivanov[9]).toBeCloseTo((100 * 2) / 5.5, 10);
    // Not yet due, cancelled and undated items do not count: Петрова has only the shared overdue one.
    const petrova = pick('Исполнитель', 'Кластер А', 'Петрова А.А.')!;
    expect(petrova.slice(3, 10)).toEqual([1, 0, 0, 1, 15, 0, 0]);
  });

  it('the same role in two clusters is two executors', () => {
    expect(pick('Исполнитель', 'Кластер Б', 'Председатель КС')!.slice(3, 9)).toEqual([4, 3, 1, 0, 3, 75]);
    expect(pick('Исполнитель', 'Кластер А', 'Председатель КС')!.slice(3, 9)).toEqual([1, 1, 0, 0, 0, 100]);
  });

  it('per cluster and in total', () => {
    // А: on time 2 + 1 (председатель), late 1 (30 days), overdue 1 (15 days).
    expect(pick('Кластер', 'Кластер А')!.slice(3, 9)).toEqual([5, 3, 1, 1, 45, 60]);
    expect(pick('Кластер', 'Кластер Б')!.slice(3, 9)).toEqual([4, 3, 1, 0, 3, 75]);
    expect(pick('Итого', '')!.slice(3, 9)).toEqual([9, 6, 2, 1, 48, (100 * 6) / 9]);
    expect(sheet.getRow(DISCIPLINE_HEADER_ROW + 1).getCell(1).font?.bold).toBe(true);
  });

  it('the worst executors (up to five) follow the clusters and organisations, lowest КИД first, before every executor', () => {
    const groups = rows.map((r) => r[0]).filter((g, i, all) => g !== all[i - 1]);
    expect(groups.slice(-2)).toEqual(['Худшие', 'Исполнитель']);
    expect(groups.indexOf('Худшие')).toBeGreaterThan(groups.indexOf('Кластер'));
    const worst = rows.filter((r) => r[0] === 'Худшие').map((r) => `${r[1]}: ${r[2]}`);
    expect(worst).toEqual([
      'Кластер А: Петрова А.А.',
      'Кластер А: Иванов И.И.',
      'Кластер Б: Председатель КС',
      'Кластер А: Председатель КС',
    ]);
  });

  it('colours each КИД by its band: ≤ 50 red, ≤ 75 yellow, above green', () => {
    const fillAt = (group: string, cluster: string, executor: string) => {
      const r = rows.indexOf(pick(group, cluster, executor)!) + DISCIPLINE_HEADER_ROW + 1;
      return (sheet.getRow(r).getCell(9).fill as ExcelJS.FillPattern).fgColor?.argb;
    };
    const argb = (hex: string) => `FF${hex.slice(1)}`;
    expect(fillAt('Исполнитель', 'Кластер А', 'Иванов И.И.')).toBe(argb(STATE_FILL.overdue));
    expect(fillAt('Кластер', 'Кластер Б', '')).toBe(argb(STATE_FILL.due_soon));
    expect(fillAt('Исполнитель', 'Кластер А', 'Председатель КС')).toBe(argb(STATE_FILL.done));
  });
});
