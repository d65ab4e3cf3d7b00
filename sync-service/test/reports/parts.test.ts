// The report's own pieces: executor spellings merged (and only those), the sorted overdue spill,
// and the «в срок» / «с опозданием» rule, with the moves a store has seen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { type Deadline, type Mark, readText } from '@cluster/shared';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { applySnapshot } from '../../src/app/sync-snapshot.ts';
import { timelinessOf } from '../../src/reports/classify.ts';
import { writeConsolidatedReport } from '../../src/reports/consolidated.ts';
import { ExecutorTallies, executorDisplay, executorKey } from '../../src/reports/executors.ts';
import { GroupedSpill } from '../../src/reports/group-spill.ts';
import type { ReportItem } from '../../src/reports/model.ts';
import { SortedSpill } from '../../src/reports/sorted-spill.ts';
import { storeReportSource } from '../../src/reports/store-source.ts';
import { text } from '../../src/reports/xlsx/style.ts';
import { headerWidth, textLines } from '../../src/reports/xlsx/text-lines.ts';
import { openStore } from '../../src/store/store.ts';

describe('executors', () => {
  it.each([
    ['Иванов И. И.', 'Иванов И.И.'],
    ['Иванов И.И.', 'иванов и.и.'],
    ['Иванов  И.И', 'ИВАНОВ И.И.'],
    ['Руководители ПОО', 'руководители\u00a0 ПОО'],
    ['Ёлкин А.А.', 'Елкин А.А.'],
    ['«Рабочая группа»', 'Рабочая группа'],
    ['ОГБПОУ «Томский индустриальный техникум»', 'ОГБПОУ "Томский индустриальный техникум";'],
  ])('«%s» and «%s» are one executor', (a, b) => {
    expect(executorKey(a)).toBe(executorKey(b));
  });

  it.each([
    ['Иванов И.И.', 'Иванова И.И.'],
    ['Иванов И.И.', 'Иванов А.И.'],
    ['Руководители ПОО', 'Руководители предприятий'],
    ['Председатель КС', 'Председатель ЦК'],
  ])('«%s» and «%s» are two', (a, b) => {
    expect(executorKey(a)).not.toBe(executorKey(b));
  });

  it('shows the first spelling, tidied', () => {
    expect(executorDisplay('  Иванов   И. И.,  ')).toBe('Иванов И.И.');
    expect(executorDisplay('Руководители\u00a0ПОО;')).toBe('Руководители ПОО');
  });

  it('counts an item once per executor even when it names them twice, and each column apart', () => {
    const t = new ExecutorTallies();
    t.add(['Иванов И. И.', 'Иванов И.И.'], 'on_time', false);
    t.add(['иванов и.и.', 'Петров П.П.'], 'late', false);
    t.add(['Петров П.П.'], 'open', true);
    t.add(['Петров П. П.'], 'undated', false);
    t.add(['Сидоров С.С.'], 'cancelled', false);
    t.add([' ', ''], 'open', true);
    expect(t.sorted()).toEqual([
      { name: 'Петров П.П.', items: 3, onTime: 0, late: 1, undated: 1, cancelled: 0, overdue: 1 },
      { name: 'Иванов И.И.', items: 2, onTime: 1, late: 1, undated: 0, cancelled: 0, overdue: 0 },
      { name: 'Сидоров С.С.', items: 1, onTime: 0, late: 0, undated: 0, cancelled: 1, overdue: 0 },
    ]);
  });
});

describe('sorted spill', () => {
  it('gives rows back by key descending, ties in the order added', () => {
    const rowText = (i: number) => `строка ${i} «=A1»\tтаб\nвторая ёжик 😀`;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 400 }), { maxLength: 3000 }), (keys) => {
        const spill = new SortedSpill<[number, number, string]>(3);
        try {
          keys.forEach((k, i) => {
            spill.add(k, [k, i, rowText(i)]);
          });
          const back = [...spill.sorted()];
          const expected = keys.map((k, i) => [k, i, rowText(i)]).sort((a, b) => +b[0] - +a[0]);
          expect(back).toEqual(expected);
          expect(spill.size).toBe(keys.length);
        } finally {
          spill.close();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('keeps long rows of any characters whole', () => {
    const spill = new SortedSpill<[string, null, number]>(3);
    try {
      const rows = Array.from({ length: 400 }, (_, i) => `${'ё'.repeat(i % 97)}😀${i}${'ж'.repeat(2000)}`);
      rows.forEach((r, i) => {
        spill.add(i % 3, [r, null, i]);
      });
      const expected = [0, 1, 2].flatMap((k) =>
        rows.flatMap((r, i) => (i % 3 === 2 - k ? [[r, null, i]] : [])),
      );
      expect([...spill.sorted()]).toEqual(expected);
    } finally {
      spill.close();
    }
  });
});

describe('grouped spill', () => {
  it('gives groups back in the order met, each by key descending, ties in the order added', () => {
    const rowText = (i: number) => `строка ${i} «=A1»\tтаб\nвторая ёжик 😀 \\ "кавычки"`;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: -5, max: 400 })), {
          maxLength: 3000,
        }),
        (rows) => {
          const spill = new GroupedSpill<[string, number, number, string]>();
          try {
            rows.forEach(([g, k], i) => {
              spill.add(`g${g}`, k, [`g${g}`, k, i, rowText(i)]);
            });
            // Expected: runs of one group as they come, each sorted (stable) by key descending.
            const expected: [string, number, number, string][] = [];
            let run: [string, number, number, string][] = [];
            rows.forEach(([g, k], i) => {
              if (run.length && run[0][0] !== `g${g}`) {
                expected.push(...run.sort((a, b) => b[1] - a[1]));
                run = [];
              }
              run.push([`g${g}`, k, i, rowText(i)]);
            });
            expected.push(...run.sort((a, b) => b[1] - a[1]));
            expect([...spill.sorted()]).toEqual(expected);
            expect(spill.size).toBe(rows.length);
          } finally {
            spill.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('keeps rows whole across its read chunks', () => {
    const spill = new GroupedSpill<[string, number]>();
    try {
      // Some 12 MB of rows: many 1 MB reads, rows cut at every place.
      const rows = Array.from({ length: 3000 }, (_, i): [string, number] => [
        `${'ё'.repeat(i % 997)}😀${'ж'.repeat(2000)}`,
        i,
      ]);
      rows.forEach((r, i) => {
        spill.add(`d${Math.floor(i / 100)}`, 0, r);
      });
      expect([...spill.sorted()]).toEqual(rows);
    } finally {
      spill.close();
    }
  });
});

describe('on time or late', () => {
  const item = (deadline: Deadline, mark: Mark, period = { start: '2021-01-01', end: '2021-12-31' }) =>
    ({ deadline, mark, document: { title: 'План', period } }) as unknown as ReportItem;
  const month = (due: string): Deadline => ({
    raw: 'месяц',
    kind: 'month',
    start: `${due.slice(0, 8)}01`,
    due,
  });
  const done = (date?: string): Mark => ({ raw: 'выполнено', status: 'done', ...(date ? { date } : {}) });

  it.each([
    ['done on the due day', item(month('2021-03-31'), done('2021-03-31')), 'on_time'],
    ['done a day late', item(month('2021-03-31'), done('2021-04-01')), 'late'],
    ['done with no date', item(month('2021-03-31'), done()), 'undated'],
    [
      'monthly, done before the plan period ends',
      item(
        { raw: 'ежемесячно', kind: 'recurring', start: null, due: '2021-12-31', every: 'month' },
        done('2021-12-20'),
      ),
      'on_time',
    ],
    [
      'deadline unreadable',
      item({ raw: 'по итогам', kind: 'unknown', start: null, due: null }, done('2021-03-01')),
      'undated',
    ],
    ['cancelled', item(month('2021-03-31'), { raw: 'отменено', status: 'cancelled' }), 'cancelled'],
    ['not done', item(month('2021-03-31'), { raw: '', status: 'none' }), 'open'],
  ])('%s', (_, it, expected) => {
    expect(timelinessOf(it)).toBe(expected);
  });

  it('a deadline moved later counts: done after the first due but by the moved one is on time', () => {
    const it = item(month('2021-03-31'), done('2021-05-10'));
    expect(timelinessOf(it)).toBe('late');
    expect(timelinessOf(it, '2021-05-15')).toBe('on_time');
    expect(timelinessOf(it, '2021-05-01')).toBe('late');
    // A move to an earlier date does not make the current deadline stricter than it is.
    expect(timelinessOf(item(month('2021-05-31'), done('2021-05-10')), '2021-04-30')).toBe('on_time');
    expect(
      timelinessOf(
        item({ raw: '?', kind: 'unknown', start: null, due: null }, done('2021-05-10')),
        '2021-05-15',
      ),
    ).toBe('on_time');
  });
});

describe('moves in the store count for «в срок»', () => {
  const plan = (mark: string) =>
    [
      'План работы кластера на 2021 год',
      '',
      '№\tМероприятие\tИсполнитель\tСрок\tРезультат\tОтметка о выполнении',
      `1.\tСтажировка преподавателей\tСидоров С.С.\tмарт 2021\tДоговоры\t${mark}`,
      '2.\tСеминар\tПетров П.П.\tмарт 2021\tПрограмма\tвыполнено 10.05.2021',
      '',
    ].join('\n');

  it('postponed, then done by the new date: on time; the other, done as late with no move: late', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-moves-'));
    const store = await openStore({ dataDir: join(dir, 'data') });
    try {
      await store.clusters.create({ slug: 'c', name: 'Кластер', region: 'Регион' });
      // Each sync on its day, before the report's (only Date is faked).
      vi.useFakeTimers({ toFake: ['Date'] });
      for (const [day, mark] of [
        ['2021-03-01', ''],
        ['2021-04-20', 'перенесено на 15.05.2021'],
        ['2021-05-20', 'выполнено 10.05.2021'],
      ]) {
        vi.setSystemTime(new Date(`${day}T09:00:00Z`));
        await applySnapshot(store, {
          cluster: 'c',
          source: { kind: 'file', fileName: 'plan.txt' },
          title: 'plan.txt',
          documents: readText(plan(mark), { today: '2021-06-01' }),
          actor: 'test',
          today: '2021-06-01',
        });
      }
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      const totals = await writeConsolidatedReport(
        storeReportSource(store, {}),
        {
          asOf: '2021-06-01',
          region: null,
          soonDays: 14,
          generatedAt: new Date(),
          timeZone: 'Europe/Moscow',
        },
        out,
      );
      // 31.03 → 15.05 when postponed; «выполнено» afterwards ends the postponement, no move back.
      expect(totals.moves).toBe(1);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('Исполнители')!;
      const row = (name: string) => {
        for (let r = 2; r <= sheet.rowCount; r++) {
          if (sheet.getRow(r).getCell(1).value === name)
            return [2, 3, 4].map((c) => sheet.getRow(r).getCell(c).value);
        }
        throw new Error(`no row for ${name}`);
      };
      expect(row('Сидоров С.С.')).toEqual([1, 1, 0]);
      expect(row('Петров П.П.')).toEqual([1, 0, 1]);
    } finally {
      vi.useRealTimers();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('wrapped lines for row heights', () => {
  it('counts lines by words, capitals wider, line breaks kept, long words broken', () => {
    expect(textLines('Паспорт', 10)).toBe(1);
    expect(textLines('Разработка и утверждение плана-графика работы', 50)).toBe(1);
    expect(textLines('Разработка и утверждение плана-графика работы', 22)).toBe(3);
    expect(textLines('первая\nвторая\n\nчетвёртая', 30)).toBe(4);
    const lower = 'протокол рабочего совещания по кластерным инициативам';
    expect(textLines(lower.toUpperCase(), 28)).toBeGreaterThan(textLines(lower, 28));
    expect(textLines('ОБРАЗОВАТЕЛЬНО-ПРОИЗВОДСТВЕННОГО', 12)).toBe(4);
    expect(textLines('Иванов И.И.', 30, true)).toBe(1);
  });

  it('widens a column until its header’s longest word fits in bold', () => {
    expect(headerWidth('Мероприятий', 12)).toBeGreaterThanOrEqual(14);
    expect(headerWidth('Дней просрочки', 10)).toBeGreaterThanOrEqual(11);
    expect(headerWidth('№', 7)).toBe(7);
  });
});

describe('cell text', () => {
  it('is cut to the 32,767 characters a spreadsheet cell holds, marked with an ellipsis', () => {
    const long = 'а'.repeat(40_000);
    const cut = text(long);
    expect(cut).toHaveLength(32_767);
    expect(cut.endsWith('…')).toBe(true);
    expect(text('=1+1')).toBe('=1+1');
    expect(text(null)).toBe('');
  });
});
