// `cluster-sync inspect` through the real bin: every sample as JSON, the Russian table, and
// each kind of bad input failing with exit 2 and one line on stderr.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Document, DocumentSchema, type Item } from '@cluster/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { runBin, SAMPLES } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cli-inspect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function inspectJson(file: string, ...flags: string[]): Promise<Document[]> {
  const r = await runBin(['inspect', file, '--json', '--today', '2021-11-01', ...flags]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const parsed = JSON.parse(r.stdout) as { documents: unknown[] };
  expect(Object.keys(parsed)).toEqual(['documents']);
  for (const doc of parsed.documents) {
    expect(Object.keys(doc as object).slice(0, 3)).toEqual(['title', 'kind', 'period']);
  }
  return z.parse(z.object({ documents: z.array(DocumentSchema) }), parsed).documents;
}

const byNumber = (doc: Document, number: string): Item => {
  const item = doc.items.find((i) => i.number === number);
  if (!item) throw new Error(`no item ${number} in ${doc.title}`);
  return item;
};
const codes = (item: Item) => item.problems.map((p) => p.code);

describe('inspect --json on the samples', () => {
  it('roadmap-tomsk-construction-2021: 29 items of a roadmap for 2021', async () => {
    const [doc, ...more] = await inspectJson(join(SAMPLES, 'roadmap-tomsk-construction-2021.txt'));
    expect(more).toHaveLength(0);
    expect(doc.kind).toBe('roadmap');
    expect(doc.title).toMatch(/Дорожная карта/);
    expect(doc.period).toEqual({ start: '2021-01-01', end: '2021-12-31' });
    expect(doc.items).toHaveLength(29);
    const first = byNumber(doc, '1.1');
    expect(first.row).toBe(18);
    expect(first.task).toMatch(/^Задача 1\. Создание нормативно/);
    expect(first.executors).toEqual(['Руководители ПОО']);
    expect(first.deadline).toMatchObject({ kind: 'range', start: '2021-02-01', due: '2021-03-31' });
    expect(first.state).toBe('overdue');
    // «март 2020г.» in a roadmap for 2021 is a problem, not a silent fix.
    expect(codes(byNumber(doc, '1.2'))).toContain('deadline_outside_period');
    expect(byNumber(doc, '1.5').deadline).toMatchObject({
      kind: 'recurring',
      every: 'month',
      due: '2021-12-31',
    });
    expect(codes(byNumber(doc, '1.7'))).toContain('missing_result');
    expect(byNumber(doc, '2.10').task).toMatch(/^Задача 2\./);
  });

  it('plan-smolensk-light-industry-2018-2019: 20 items of an academic-year work plan', async () => {
    const [doc] = await inspectJson(join(SAMPLES, 'plan-smolensk-light-industry-2018-2019.txt'));
    expect(doc.kind).toBe('work_plan');
    expect(doc.period).toEqual({ start: '2018-09-01', end: '2019-08-31' });
    expect(doc.items).toHaveLength(20);
    expect(byNumber(doc, '2.3').deadline).toMatchObject({
      kind: 'month',
      start: '2018-09-01',
      due: '2018-09-30',
    });
    expect(byNumber(doc, '2.4').deadline).toMatchObject({
      kind: 'range',
      start: '2019-04-01',
      due: '2019-05-31',
    });
    expect(byNumber(doc, '3.2').deadline).toMatchObject({
      kind: 'multiple',
      dues: ['2018-04-30', '2018-10-31'],
    });
  });

  it('protocol-smolensk-construction-2017: 4 decisions with deadlines', async () => {
    const [doc] = await inspectJson(join(SAMPLES, 'protocol-smolensk-construction-2017.txt'));
    expect(doc.kind).toBe('protocol');
    expect(doc.items).toHaveLength(4);
    expect(doc.items[0].deadline).toMatchObject({ kind: 'date', due: '2017-12-15' });
    expect(doc.items[2].deadline).toMatchObject({ kind: 'date', due: '2018-01-30' });
    expect(doc.items.every((i) => i.state === 'overdue')).toBe(true);
  });

  it('protocol-tomsk-industrial-2021: 3 decisions, executors and due dates', async () => {
    const [doc] = await inspectJson(join(SAMPLES, 'protocol-tomsk-industrial-2021.txt'));
    expect(doc.kind).toBe('protocol');
    expect(doc.items).toHaveLength(3);
    expect(doc.items[0].executors).toEqual(['Пояркова О.Н.']);
    expect(doc.items[0].deadline).toMatchObject({ kind: 'date', due: '2021-12-01' });
    expect(doc.items[0].state).toBe('upcoming');
    expect(doc.items[2].executors).toEqual(['Кузнецова Н.В.']);
  });

  it('protocol-smolensk-transport-2019: decisions numbered by question', async () => {
    const [doc] = await inspectJson(join(SAMPLES, 'protocol-smolensk-transport-2019.txt'));
    expect(doc.kind).toBe('protocol');
    expect(doc.items.map((i) => i.number)).toEqual(['1.1', '1.2', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2']);
  });
});

describe('inspect --period', () => {
  it('puts the user period over the one in the title, and checks deadlines against it', async () => {
    const [doc] = await inspectJson(
      join(SAMPLES, 'roadmap-tomsk-construction-2021.txt'),
      '--period',
      '2021-01-01..2021-06-30',
    );
    expect(doc.period).toEqual({ start: '2021-01-01', end: '2021-06-30' });
    expect(codes(byNumber(doc, '1.2'))).toContain('deadline_outside_period');
    expect(codes(byNumber(doc, '1.6'))).toContain('deadline_outside_period');
    expect(codes(byNumber(doc, '2.1'))).not.toContain('deadline_outside_period');
    // «в течение года» is the period now: it ends on 30.06.2021.
    expect(byNumber(doc, '2.8').deadline).toMatchObject({ kind: 'period', due: '2021-06-30' });
  });
});

describe('inspect as a table', () => {
  it('shows the title, period, Russian headings and a summary', async () => {
    const r = await runBin([
      'inspect',
      join(SAMPLES, 'roadmap-tomsk-construction-2021.txt'),
      '--today',
      '2021-11-01',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Вид: дорожная карта · период: 01.01.2021–31.12.2021 · на дату: 01.11.2021');
    expect(r.stdout).toMatch(/№\s+│ Мероприятие\s+│ Исполнители\s+│ Срок\s+│ Состояние\s+│ Проблемы/);
    expect(r.stdout).toMatch(
      /1\.1\s+│ Разработка и утверждение соглаш.*│ февраль-март 2021 г\. \(до 31\.03\.2021\)/,
    );
    expect(r.stdout).toMatch(/Итого мероприятий: 29 \(/);
  });

  it('shows the meeting of a protocol, its decisions and which of them have no deadline', async () => {
    const r = await runBin([
      'inspect',
      join(SAMPLES, 'protocol-tomsk-industrial-2021.txt'),
      '--today',
      '2021-11-01',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Заседание № 2 от 22.10.2021, г. Томск');
    expect(r.stdout).toContain('Присутствовали (11):');
    expect(r.stdout).toContain('  Беляев Е.В., директор, ООО «Гарантийный фонд Томской области»');
    expect(r.stdout).toContain('Повестка:\n  1. Процедурные вопросы согласования');
    expect(r.stdout).toMatch(/№\s+│ Решение\s+│ Исполнители/);
    expect(r.stdout).toMatch(
      /1 │ Поручить Экспертному совету.*│ Пояркова О\.Н\.\s+│ до 01\.12\.2021\s+│ предстоит/,
    );
    expect(r.stdout).toMatch(
      /2 │ Применять принцип.*│ —\s+│ без срока\s+│ Строка 41, «Исполнитель»: не указан исполнитель\s*$/m,
    );
    // A decision that sets no deadline is its own count, and no problem (issue 11, point 8).
    expect(r.stdout).toContain('Итого решений: 3 (предстоит 2, без срока 1); с проблемами: 1');
  });
});

describe('inspect on a workbook with marks, merged sections and loose rows', () => {
  let file: string;
  beforeAll(async () => {
    const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Дорожная карта');
    ws.getCell('A1').value = 'СОГЛАСОВАНО';
    ws.getCell('A2').value = 'Начальник департамента\nИ.И. Иванов';
    ws.getCell('E1').value = 'УТВЕРЖДАЮ';
    ws.getCell('A4').value = 'Дорожная карта\nразвития кластера\nна 2021-2025 годы';
    ws.mergeCells('A4:G4');
    ws.getRow(6).values = [
      '№\nп/п',
      'Наименование мероприятия',
      'Ответственные исполнители',
      'Срок',
      'Ожидаемый результат',
      'Статус',
      'Примечание',
    ];
    ws.getRow(7).values = [1, 2, 3, 4, 5, 6, 7];
    ws.getCell('A8').value = 'I. Организационные мероприятия';
    ws.mergeCells('A8:G8');
    ws.getRow(9).values = [
      '1.',
      'Создание совета',
      'Иванов И.И.\nПетров П.П.',
      'IV квартал 2021 г.',
      'Приказ',
      'выполнено 27.09.2021',
      'важно',
    ];
    ws.getRow(10).values = [
      '2.',
      'Разработка\nпрограммы',
      'КС; Колледжи',
      utc(2022, 3, 15),
      'Программа',
      'перенесено на 15.05.2022',
    ];
    ws.getCell('A12').value = 'II. Кадры';
    ws.mergeCells('A12:G12');
    ws.getRow(13).values = ['3.', 'Стажировки', null, 'когда-нибудь', null, '???'];
    ws.getRow(14).values = ['4.', 'Отчёт', 'КС', 44500, 'Отчёт'];
    ws.getRow(15).values = [null, null, null, utc(2022, 1, 1)];
    file = join(dir, 'marks.xlsx');
    await wb.xlsx.writeFile(file);
  });

  it('gives contract JSON: moved deadlines, dated marks, problems naming row and column, unplaced rows', async () => {
    const [doc, ...more] = await inspectJson(file, '--today', '2022-04-01');
    expect(more).toHaveLength(0);
    expect(doc).toMatchObject({
      title: 'Дорожная карта развития кластера на 2021-2025 годы',
      kind: 'roadmap',
      period: { start: '2021-01-01', end: '2025-12-31' },
    });
    expect(doc.items.map((i) => [i.row, i.number, i.task])).toEqual([
      [9, '1', 'I. Организационные мероприятия'],
      [10, '2', 'I. Организационные мероприятия'],
      [13, '3', 'II. Кадры'],
      [14, '4', 'II. Кадры'],
    ]);
    const [council, programme, unreadable, serial] = doc.items;
    expect(council).toMatchObject({
      executors: ['Иванов И.И.', 'Петров П.П.'],
      deadline: { raw: 'IV квартал 2021 г.', kind: 'quarter', start: '2021-10-01', due: '2021-12-31' },
      mark: { raw: 'выполнено 27.09.2021', status: 'done', date: '2021-09-27' },
      state: 'done',
      extra: { Примечание: 'важно' },
      problems: [],
    });
    // The original deadline stays; the mark's new one is the one that counts.
    expect(programme).toMatchObject({
      title: 'Разработка программы',
      executors: ['КС', 'Колледжи'],
      deadline: { raw: '15.03.2022', kind: 'date', start: '2022-03-15', due: '2022-03-15' },
      mark: { status: 'postponed', movedTo: '2022-05-15' },
      effectiveDue: '2022-05-15',
      state: 'upcoming',
    });
    expect(unreadable.deadline).toEqual({ raw: 'когда-нибудь', kind: 'unknown', start: null, due: null });
    expect(unreadable.state).toBe('unknown');
    expect(unreadable.problems).toEqual([
      {
        code: 'missing_executor',
        message: 'Строка 13, «Ответственные исполнители»: не указан исполнитель',
        column: 3,
      },
      {
        code: 'unreadable_deadline',
        message: 'Строка 13, «Срок»: не удалось прочитать срок «когда-нибудь»',
        column: 4,
      },
      {
        code: 'missing_result',
        message: 'Строка 13, «Ожидаемый результат»: не указан результат',
        column: 5,
      },
      {
        code: 'unreadable_mark',
        message: 'Строка 13, «Статус»: не удалось прочитать отметку «???»',
        column: 6,
      },
    ]);
    expect(serial.deadline).toEqual({
      raw: '31.10.2021',
      kind: 'date',
      start: '2021-10-31',
      due: '2021-10-31',
    });
    expect(doc.unplaced).toEqual([expect.objectContaining({ row: 15, text: '01.01.2022' })]);
  });

  it('shows a moved deadline next to the original in the table', async () => {
    const r = await runBin(['inspect', file, '--today', '2022-04-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /2\s+│ Разработка программы\s+│ КС, Колледжи\s+│ 15\.03\.2022 → перенесено на 15\.05\.2022/,
    );
    expect(r.stdout).toContain('лист: «Дорожная карта»');
    expect(r.stdout).toContain('строка 15: 01.01.2022');
    expect(r.stdout).toMatch(
      /Итого мероприятий: 4 \(выполнено 1, просрочено 1, предстоит 1, срок не распознан 1\); с проблемами: 1/,
    );
  });
});

describe('inspect errors: exit 2, one line on stderr', () => {
  let workbook: string;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('План').getCell('A1').value = 'x';
    wb.addWorksheet('Архив 2020').getCell('A1').value = 'y';
    workbook = join(dir, 'two-sheets.xlsx');
    await wb.xlsx.writeFile(workbook);
    writeFileSync(join(dir, 'broken.xlsx'), Buffer.from('PK\u0003\u0004 this is not really a zip archive'));
    // A zip that holds no sheet at all: not a workbook, whatever its name says.
    await new ExcelJS.Workbook().xlsx.writeFile(join(dir, 'no-sheets.xlsx'));
    writeFileSync(join(dir, 'text.xlsx'), 'Срок;Исполнитель\n');
    writeFileSync(join(dir, 'plan.pdf'), '%PDF-1.4');
    writeFileSync(join(dir, 'plan.csv'), '№;Мероприятие\n');
    writeFileSync(join(dir, 'quote.csv'), '№;Мероприятие;Срок\n1;"Совет;март\n2;Отчёт;май\n');
  });

  const cases: [string, () => string[], RegExp][] = [
    [
      'a missing file',
      () => ['inspect', join(dir, 'нет-такого.xlsx')],
      /^Ошибка: файл не найден: .*нет-такого\.xlsx$/,
    ],
    [
      'a corrupt workbook',
      () => ['inspect', join(dir, 'broken.xlsx')],
      /^Ошибка: не удаётся прочитать книгу Excel broken\.xlsx: файл повреждён/,
    ],
    [
      'a zip without sheets',
      () => ['inspect', join(dir, 'no-sheets.xlsx')],
      /^Ошибка: не удаётся прочитать книгу Excel no-sheets\.xlsx: в архиве нет ни одного листа/,
    ],
    [
      'a CSV with a quote that is never closed',
      () => ['inspect', join(dir, 'quote.csv')],
      /^Ошибка: не удаётся прочитать CSV quote\.csv: кавычка открыта и не закрыта: файл кончился на строке \d+$/,
    ],
    [
      'a text file named .xlsx',
      () => ['inspect', join(dir, 'text.xlsx')],
      /^Ошибка: не удаётся прочитать книгу Excel text\.xlsx: это не файл \.xlsx/,
    ],
    [
      'a sheet that does not exist',
      () => ['inspect', workbook, '--sheet', 'Итоги'],
      /^Ошибка: в книге two-sheets\.xlsx нет листа «Итоги»; есть листы: «План», «Архив 2020»$/,
    ],
    [
      '--sheet on a CSV',
      () => ['inspect', join(dir, 'plan.csv'), '--sheet', 'A'],
      /^Ошибка: в файле plan\.csv нет листов/,
    ],
    [
      'an unsupported extension',
      () => ['inspect', join(dir, 'plan.pdf')],
      /^Ошибка: неподдерживаемый формат файла «\.pdf»: plan\.pdf \(нужен \.xlsx, \.csv, \.txt, \.docx или \.odt\)$/,
    ],
    [
      'a bad --today',
      () => ['inspect', workbook, '--today', '2021-02-30'],
      /^Ошибка: --today: неверная дата «2021-02-30»/,
    ],
    ['an unknown flag', () => ['inspect', workbook, '--colour'], /^Ошибка: неизвестный параметр --colour$/],
    [
      'a reversed --period',
      () => ['inspect', workbook, '--period', '2021-12-31..2021-01-01'],
      /^Ошибка: --period: начало периода 2021-12-31 позже конца 2021-01-01$/,
    ],
    ['no file', () => ['inspect'], /^Ошибка: не указан файл: cluster-sync inspect FILE/],
    [
      'a mistyped name without an extension',
      () => ['inspect', join(dir, 'план')],
      /^Ошибка: файл не найден: .*план$/,
    ],
    ['a directory', () => ['inspect', dir], /^Ошибка: это не файл: /],
    [
      'a bad --today on a text file',
      () => ['inspect', join(SAMPLES, 'roadmap-tomsk-construction-2021.txt'), '--today', '01.11.2021'],
      /^Ошибка: --today: неверная дата «01\.11\.2021», нужна дата в виде ГГГГ-ММ-ДД/,
    ],
    [
      '--today without a value',
      () => ['inspect', workbook, '--today'],
      /^Ошибка: у параметра --today нет значения$/,
    ],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const r = await runBin(args());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(message);
  });

  it('prints its help with exit 0', async () => {
    const r = await runBin(['inspect', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Использование: cluster-sync inspect FILE [--sheet NAME] [--today ГГГГ-ММ-ДД] [--json]',
    );
  });
});
