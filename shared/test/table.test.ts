// Table recognition on grids shaped like real spreadsheets: header variants, two-row headers,
// start/end columns, sections, merged cells, several tables in one sheet.

import type { Cell, Grid } from '@cluster/shared';
import {
  classifyHeader,
  compareNumbers,
  DocumentSchema,
  findTitle,
  isColumnNumbersRow,
  isSectionText,
  itemNumber,
  kindOf,
  numberInTitle,
  numberParts,
  readNumber,
  recognizeTables,
  splitExecutors,
} from '@cluster/shared';
import { describe, expect, it } from 'vitest';

const opts = { today: '2021-06-15' };
const pad = (rows: Cell[][]): Grid => rows;

describe('header wording', () => {
  it.each([
    ['№', 'number'],
    ['№ п/п', 'number'],
    ['№ п.п.', 'number'],
    ['Наименование мероприятия', 'title'],
    ['Мероприятие', 'title'],
    ['Содержание', 'title'],
    ['Решение', 'title'],
    ['Поручение', 'title'],
    ['Исполнитель', 'executors'],
    ['Исполнители', 'executors'],
    ['Ответственный', 'executors'],
    ['Ответственные исполнители', 'executors'],
    ['Срок', 'deadline'],
    ['Срок исполнения', 'deadline'],
    ['Сроки реализации', 'deadline'],
    ['Срок выполнения', 'deadline'],
    ['Результат', 'result'],
    ['Ожидаемый результат', 'result'],
    ['Форма отчётности', 'result'],
    ['Отметка о выполнении', 'mark'],
    ['Отметка об исполнении', 'mark'],
    ['Статус', 'mark'],
    ['Выполнение', 'mark'],
    ['Плановое начало', 'start'],
    ['Плановое окончание', 'end'],
    ['Дата начала', 'start'],
    ['Дата окончания', 'end'],
    ['Дата протокола', null],
    ['Форма завершения', 'result'],
    ['Показатели результативности', 'result'],
    ['Выполнено / не выполнено', 'mark'],
    ['Отчёт об исполнении', 'mark'],
    ['Дата завершения', 'end'],
    ['Соисполнители', null],
    ['Участники', null],
    ['Перечень мероприятий', 'title'],
    ['Виды работ', 'title'],
    ['Ответственный исполнитель (ФИО, должность)', 'executors'],
    ['Срок исполнения (квартал, месяц)', 'deadline'],
    ['Примечание', null],
    // The number column: «п/п» with a backslash, a bar or another slash, spaced or not.
    ['№ п\\п', 'number'],
    ['№ п \\ п', 'number'],
    ['№ п / п', 'number'],
    ['№п/п', 'number'],
    ['№ п|п', 'number'],
    ['п\\п', 'number'],
    ['№\nп/п', 'number'],
    // The title column: what is done, in plural or with a qualifier, under any of its usual names.
    ['Направления деятельности', 'title'],
    ['Основные направления работы', 'title'],
    ['Содержание работы', 'title'],
    ['Содержание мероприятий', 'title'],
    ['Мероприятия', 'title'],
    ['Основные мероприятия', 'title'],
    ['Планируемые мероприятия', 'title'],
    ['Мероприятия (содержание работы)', 'title'],
    // «Направление» alone heads a section, not a column.
    ['Направление', null],
  ])('%s → %s', (text, role) => {
    expect(classifyHeader(text)).toBe(role);
  });

  it('reads a table whose header uses these variants', () => {
    const [doc] = recognizeTables(
      [
        ['№ п\\п', 'Направления деятельности', 'Ответственные исполнители', 'Сроки'],
        ['1.', 'Заседание совета', 'КС', 'март 2021'],
        ['2.', 'Отчёт', 'ЦОПП', 'декабрь 2021'],
      ],
      opts,
    );
    expect(doc.table?.columns.map((c) => c.role)).toEqual(['number', 'title', 'executors', 'deadline']);
    expect(doc.items.map((i) => [i.number, i.title])).toEqual([
      ['1', 'Заседание совета'],
      ['2', 'Отчёт'],
    ]);
  });

  it('recognises a row of column numbers', () => {
    expect(isColumnNumbersRow([1, 2, 3, 4])).toBe(true);
    expect(isColumnNumbersRow(['1', '2', '', '3'])).toBe(true);
    expect(isColumnNumbersRow(['1.1', 'Мероприятие'])).toBe(false);
    expect(isColumnNumbersRow([3, 2])).toBe(false);
  });
});

describe('numbers and sections', () => {
  it('reads item numbers without the trailing dot', () => {
    expect(itemNumber('1.')).toBe('1');
    expect(itemNumber('1.1.')).toBe('1.1');
    expect(itemNumber('2.10')).toBe('2.10');
    expect(itemNumber('1.1.1')).toBe('1.1.1');
    expect(itemNumber('Задача 1.')).toBeNull();
    expect(itemNumber('1024.')).toBe('1024');
    expect(itemNumber('12345')).toBeNull();
  });
  it('orders numbers as an outline', () => {
    expect(compareNumbers(numberParts('2.9'), numberParts('2.10'))).toBeLessThan(0);
    expect(compareNumbers(numberParts('1.3'), numberParts('1.2'))).toBeGreaterThan(0);
    expect(compareNumbers(numberParts('1.1'), numberParts('1.1.1'))).toBeLessThan(0);
  });
  it('recognises section wording', () => {
    for (const t of [
      'Задача 2. Повышение качества',
      'Раздел 1. Общие',
      'Направление «Кадры»',
      'II. Организационные',
    ])
      expect(isSectionText(t), t).toBe(true);
    for (const t of ['Задача: Кадры', 'II.Организационные', 'IV квартал: Итоги'])
      expect(isSectionText(t), t).toBe(true);
    for (const t of [
      'Разработка паспорта',
      'Протоколы',
      'Интернет страница',
      'IT-технологии',
      'Задачами кластера',
    ])
      expect(isSectionText(t), t).toBe(false);
  });
  it('reads numbers back from what spreadsheets make of them', () => {
    expect(readNumber(2.1, '2.1', '2.9')).toBe('2.10');
    expect(readNumber(2.2, '2.2', '2.19')).toBe('2.20');
    expect(readNumber(2.1, '2.1', '1.9')).toBe('2.1');
    expect(readNumber(1.2, '1.2', '1.3')).toBe('1.2');
    expect(readNumber('2.1', '2.1', '2.9')).toBe('2.1');
    expect(readNumber(new Date(Date.UTC(2024, 1, 1)), '01.02.2024', null)).toBe('1.2');
    expect(readNumber('2024-02-01', '2024-02-01', null)).toBe('1.2');
    expect(numberInTitle('1.1. Разработка плана')).toEqual(['1.1', 'Разработка плана']);
    expect(numberInTitle('3) Отчёт')).toEqual(['3', 'Отчёт']);
    expect(numberInTitle('3 семинара для учителей')).toBeNull();
  });
  it('splits executors only where it is safe', () => {
    expect(splitExecutors('Иванов И.И.\nПетров П.П.')).toEqual(['Иванов И.И.', 'Петров П.П.']);
    expect(splitExecutors('КС; ЦОПП')).toEqual(['КС', 'ЦОПП']);
    expect(splitExecutors('Иванов И.И., Петров П.П.')).toEqual(['Иванов И.И.', 'Петров П.П.']);
    expect(splitExecutors('Иванов И.И., директор')).toEqual(['Иванов И.И., директор']);
    expect(splitExecutors('Рабочая группа Специалисты отраслевых предприятий')).toEqual([
      'Рабочая группа Специалисты отраслевых предприятий',
    ]);
    expect(splitExecutors('  ')).toEqual([]);
  });
});

describe('titles and kinds', () => {
  it('skips approval blocks and strips markdown stars', () => {
    const lines = ['УТВЕРЖДАЮ', 'Председатель', '', '**План работы', 'кластера', 'на 2021 год**', ''];
    expect(findTitle(lines)).toBe('План работы кластера на 2021 год');
    expect(findTitle(['СОГЛАСОВАНО', 'Начальник', '', 'Дорожная карта кластера', 'на 2022 год'])).toBe(
      'Дорожная карта кластера на 2022 год',
    );
    expect(findTitle(['УТВЕРЖДАЮ', 'Директор'])).toBe('');
    expect(
      findTitle(['УТВЕРЖДАЮ', 'Директор по реализации программ', 'План мероприятий', 'на 2025 год']),
    ).toBe('План мероприятий на 2025 год');
  });
  it('tells the kind by the title', () => {
    expect(kindOf('Дорожная карта кластера', false)).toBe('roadmap');
    expect(kindOf('План работы кластера', false)).toBe('work_plan');
    expect(kindOf('План мероприятий на 2022 год', false)).toBe('work_plan');
    expect(kindOf('Реестр решений координационного совета', false)).toBe('decisions_register');
    expect(kindOf('Лист1', true)).toBe('decisions_register');
    expect(kindOf('Лист1', false)).toBe('table');
    expect(kindOf('', false, ['Кластер', 'Дорожная карта'])).toBe('roadmap');
    expect(kindOf('План работы', false, ['Дорожная карта'])).toBe('work_plan');
  });
});

describe('recognizeTables', () => {
  it('reads a two-row header with start/end columns, columns in another order and extras', () => {
    const grid = pad([
      ['УТВЕРЖДАЮ', null, null, null, null, null, null],
      ['Директор', null, null, null, null, null, null],
      [null, null, null, null, null, null, null],
      ['План мероприятий кластера\nна 2022 год', null, null, null, null, null, null],
      ['Ответственный', 'Мероприятие', '№', 'Сроки реализации', null, 'Примечание', 'Статус'],
      [null, null, null, 'Плановое начало', 'Плановое окончание', null, null],
      [1, 2, 3, 4, 5, 6, 7],
      ['I. Организационные мероприятия', null, null, null, null, null, null],
      ['Иванов И.И.\nПетров П.П.', 'Совещание', '1.1.', 'январь', 'март', 'важно', 'выполнено'],
      [null, null, null, null, null, null, null],
      ['КС', 'Отчёт', '1.2', null, new Date(Date.UTC(2022, 4, 20)), null, null, 'лишнее'],
    ]);
    const docs = recognizeTables(grid, opts);
    expect(docs).toHaveLength(1);
    const doc = docs[0];
    expect(DocumentSchema.safeParse(doc).success).toBe(true);
    expect(doc.title).toBe('План мероприятий кластера на 2022 год');
    expect(doc.kind).toBe('work_plan');
    expect(doc.period).toEqual({ start: '2022-01-01', end: '2022-12-31' });
    expect(doc.table).toEqual({
      headerRow: 5,
      headerRows: 2,
      firstRow: 9,
      lastRow: 11,
      columns: [
        { column: 1, role: 'executors', header: 'Ответственный' },
        { column: 2, role: 'title', header: 'Мероприятие' },
        { column: 3, role: 'number', header: '№' },
        { column: 4, role: 'start', header: 'Сроки реализации Плановое начало' },
        { column: 5, role: 'end', header: 'Сроки реализации Плановое окончание' },
        { column: 6, role: 'extra', header: 'Примечание' },
        { column: 7, role: 'mark', header: 'Статус' },
      ],
    });
    const [a, b] = doc.items;
    expect(a).toMatchObject({
      row: 9,
      number: '1.1',
      task: 'I. Организационные мероприятия',
      title: 'Совещание',
      executors: ['Иванов И.И.', 'Петров П.П.'],
      deadline: { kind: 'range', start: '2022-01-01', due: '2022-03-31' },
      mark: { status: 'done' },
      state: 'done',
      extra: { Примечание: 'важно' },
      problems: [],
    });
    expect(b).toMatchObject({
      row: 11,
      number: '1.2',
      executors: ['КС'],
      deadline: { kind: 'date', due: '2022-05-20' },
      extra: { 'Столбец 8': 'лишнее' },
    });
    expect(doc.unplaced).toEqual([]);
  });

  it('gives a moved deadline without a year the plan year, as the deadline gets it', () => {
    const grid = pad([
      ['План работы кластера на 2021 год'],
      ['№', 'Мероприятие', 'Исполнитель', 'Срок', 'Отметка о выполнении'],
      ['1.', 'Заседание', 'КС', 'март', 'перенесено на май'],
      ['2.', 'Отчёт', 'КС', 'март', 'выполнено 15.03'],
    ]);
    const [doc] = recognizeTables(grid, { today: '2021-04-20' });
    const [moved, done] = doc.items;
    expect(moved.deadline).toMatchObject({ raw: 'март', due: '2021-03-31' });
    expect(moved.mark).toEqual({ raw: 'перенесено на май', status: 'postponed', movedTo: '2021-05-31' });
    expect(moved.effectiveDue).toBe('2021-05-31');
    expect(moved.state).toBe('upcoming');
    expect(done.mark).toEqual({ raw: 'выполнено 15.03', status: 'done', date: '2021-03-15' });
  });

  it('reads a start column next to a plain deadline column, and a start alone as a missing deadline', () => {
    const grid = pad([
      ['План работы кластера на 2024-2025 учебный год'],
      ['№', 'Мероприятие', 'Исполнитель', 'Дата начала', 'Срок'],
      ['1.', 'Стажировки', 'КС', 'сентябрь', 'май'],
      ['2.', 'Отчёт', 'КС', null, 'декабрь'],
      ['3.', 'Конкурс', 'КС', 'октябрь', null],
    ]);
    const [doc] = recognizeTables(grid, { today: '2024-10-01' });
    const [both, end, start] = doc.items;
    expect(both.deadline).toMatchObject({ kind: 'range', start: '2024-09-01', due: '2025-05-31' });
    expect(end.deadline).toMatchObject({ kind: 'month', raw: 'декабрь', due: '2024-12-31' });
    expect(start.deadline).toEqual({
      raw: '',
      kind: 'unknown',
      start: null,
      due: null,
      note: 'начало: октябрь',
    });
    expect(start.problems).toEqual([
      { code: 'missing_deadline', message: 'Строка 5, «Срок»: не указан срок', column: 5 },
    ]);
  });

  it('reads a second header row under a merged «Отметка о выполнении»: дата | № документа', () => {
    const grid = pad([
      ['План работы на 2021 год'],
      ['№', 'Наименование мероприятия', 'Срок исполнения', 'Ответственный', 'Отметка о выполнении', null],
      [null, null, null, null, 'дата', '№ документа'],
      ['1.', 'Совет', 'март', 'КС', '15.03.2021', 'Протокол 1'],
    ]);
    const [doc] = recognizeTables(grid, { today: '2021-06-15' });
    expect(doc.table?.headerRows).toBe(2);
    expect(doc.table?.columns.slice(4)).toEqual([
      { column: 5, role: 'mark', header: 'Отметка о выполнении дата' },
      { column: 6, role: 'extra', header: 'Отметка о выполнении № документа' },
    ]);
    expect(doc.items[0]).toMatchObject({
      row: 4,
      mark: { status: 'done', date: '2021-03-15' },
      state: 'done',
      extra: { 'Отметка о выполнении № документа': 'Протокол 1' },
    });
    expect(doc.unplaced).toEqual([]);
  });

  it('leaves out an approval block set to the right of the title', () => {
    const grid = pad([
      ['План работы кластера на 2022 год', null, null, 'УТВЕРЖДАЮ'],
      ['образовательного кластера', null, null, 'Директор колледжа'],
      [null, null, null, '_____ И.И. Иванов'],
      ['№', 'Мероприятие', 'Исполнитель', 'Срок'],
      ['1', 'А', 'КС', 'март 2022'],
    ]);
    const [doc] = recognizeTables(grid, opts);
    expect(doc.title).toBe('План работы кластера на 2022 год образовательного кластера');
  });

  it('reads a merged section row that exceljs repeats across the row', () => {
    const s = 'Раздел 2. Кадры';
    const grid = pad([
      ['№', 'Мероприятие', 'Исполнитель', 'Срок'],
      [s, s, s, s],
      ['2.1', 'Набор', 'КС', 'май 2021'],
    ]);
    const [doc] = recognizeTables(grid, { ...opts, title: 'Дорожная карта на 2021 год' });
    expect(doc.title).toBe('Дорожная карта на 2021 год');
    expect(doc.kind).toBe('roadmap');
    expect(doc.items).toHaveLength(1);
    expect(doc.items[0].task).toBe(s);
  });

  it('takes «1. Организационная работа» as a section when 1.1 follows, but not an item without children', () => {
    const grid = pad([
      ['№ п/п', 'Содержание', 'Ответственные исполнители', 'Срок исполнения', 'Ожидаемый результат'],
      ['1.', 'Организационная работа', null, null, null],
      ['1.1.', 'Заседание', 'КС', 'март 2021', 'Протокол'],
      ['1.2.', 'Отчёт', 'КС', 'апрель 2021', 'Отчёт'],
      ['2.', 'Итоговое собрание', null, null, null],
      ['3.', 'Ещё одно', 'КС', 'май 2021', 'Решение'],
    ]);
    const [doc] = recognizeTables(grid, { ...opts, period: { start: '2021-01-01', end: '2021-12-31' } });
    expect(doc.items.map((i) => [i.number, i.task])).toEqual([
      ['1.1', '1. Организационная работа'],
      ['1.2', '1. Организационная работа'],
      ['2', ''],
      ['3', ''],
    ]);
    expect(doc.items[2].problems.map((p) => p.code)).toEqual([
      'missing_executor',
      'missing_deadline',
      'missing_result',
    ]);
    expect(doc.items[2].problems[0]).toEqual({
      code: 'missing_executor',
      column: 3,
      message: 'Строка 5, «Ответственные исполнители»: не указан исполнитель',
    });
  });

  it('does not take a short section row under the header for a second header row', () => {
    const grid = pad([
      ['№', 'Мероприятие', 'Исполнитель', 'Срок'],
      ['Раздел 1. Мероприятия', null, null, null],
      ['1.1', 'А', 'КС', 'март 2021'],
    ]);
    const [doc] = recognizeTables(grid, opts);
    expect(doc.table?.headerRows).toBe(1);
    expect(doc.items.map((i) => [i.number, i.task])).toEqual([['1.1', 'Раздел 1. Мероприятия']]);
  });

  it('finds several tables in one sheet, each with its own title', () => {
    const grid = pad([
      ['Дорожная карта кластера на 2021 год'],
      ['№', 'Мероприятие', 'Исполнитель', 'Срок'],
      ['1', 'Первое', 'КС', 'март 2021'],
      ['2', 'Второе', 'КС', 'апрель 2021'],
      [],
      ['План работы на 2022 год'],
      ['№', 'Мероприятие', 'Исполнитель', 'Срок'],
      ['1', 'Третье', 'КС', 'март 2022'],
    ]);
    const docs = recognizeTables(grid, opts);
    expect(docs.map((d) => [d.title, d.kind, d.period?.start, d.items.map((i) => i.row)])).toEqual([
      ['Дорожная карта кластера на 2021 год', 'roadmap', '2021-01-01', [3, 4]],
      ['План работы на 2022 год', 'work_plan', '2022-01-01', [8]],
    ]);
    expect(docs[0].unplaced).toEqual([]);
    expect(docs[0].items.every((i) => i.problems.length === 0)).toBe(true);
  });

  it('continues one table across a header and column numbers repeated at page breaks', () => {
    const head = ['№', 'Мероприятие', 'Исполнитель', 'Срок'];
    const grid = pad([
      ['План работы на 2021 год'],
      head,
      [1, 2, 3, 4],
      ['1', 'Первое', 'КС', 'март 2021'],
      head,
      [1, 2, 3, 4],
      ['2', 'Второе', 'КС', 'апрель 2021'],
      ['1', '2', '3', '4'],
      ['3', 'Третье', 'КС', 'май 2021'],
    ]);
    const docs = recognizeTables(grid, opts);
    expect(docs).toHaveLength(1);
    expect(docs[0].items.map((i) => [i.row, i.number])).toEqual([
      [4, '1'],
      [7, '2'],
      [9, '3'],
    ]);
    expect(docs[0].unplaced).toEqual([]);
    expect(docs[0].items.every((i) => i.problems.length === 0)).toBe(true);
  });

  it('recognises a register of decisions by its header', () => {
    const grid = pad([
      ['№', 'Поручение', 'Ответственный', 'Срок', 'Дата протокола'],
      ['1', 'Подготовить отчёт', 'Иванов И.И.', '01.12.2021', '22.10.2021'],
    ]);
    const [doc] = recognizeTables(grid, opts);
    expect(doc.kind).toBe('decisions_register');
    expect(doc.items[0].extra).toEqual({ 'Дата протокола': '22.10.2021' });
    expect(doc.items[0].deadline).toMatchObject({ kind: 'date', due: '2021-12-01' });
  });

  it('keeps rows it cannot place, and a heading with nothing under it', () => {
    const grid = pad([
      ['№', 'Мероприятие', 'Исполнитель', 'Срок'],
      ['1', 'Первое', 'КС', 'март 2021'],
      [null, null, 'Петров', null],
      ['Председатель КС ____ Иванов'],
    ]);
    const [doc] = recognizeTables(grid, opts);
    expect(doc.items).toHaveLength(1);
    expect(doc.unplaced?.map((u) => [u.row, u.text])).toEqual([
      [3, 'Петров'],
      [4, 'Председатель КС ____ Иванов'],
    ]);
  });

  it('checks numbering: duplicates and order, 2.10 after 2.9 is fine', () => {
    const grid = pad([
      ['№', 'Мероприятие', 'Исполнитель', 'Срок'],
      ['2.9', 'А', 'КС', 'март 2021'],
      ['2.10', 'Б', 'КС', 'март 2021'],
      ['2.10', 'В', 'КС', 'март 2021'],
      ['1.3', 'Г', 'КС', 'март 2021'],
      ['1.2', 'Д', 'КС', 'март 2021'],
      ['1.2.1', '', 'КС', 'непонятно когда'],
    ]);
    const [doc] = recognizeTables(grid, opts);
    expect(doc.items.map((i) => i.problems.map((p) => p.code))).toEqual([
      [],
      [],
      ['duplicate_number'],
      ['number_out_of_order'],
      ['number_out_of_order'],
      ['missing_title', 'unreadable_deadline'],
    ]);
    expect(doc.items[2].problems[0].message).toBe('Строка 4, «№»: номер «2.10» уже есть в строке 3');
    expect(doc.items[4].problems[0].message).toBe('Строка 6, «№»: номер «1.2» идёт после «1.3»');
    expect(doc.items[5].problems[1]).toEqual({
      code: 'unreadable_deadline',
      column: 4,
      message: 'Строка 7, «Срок»: не удалось прочитать срок «непонятно когда»',
    });
  });

  it('reads numbers from an unnamed first column or from the title, and keeps unnamed columns', () => {
    const unnamed = pad([
      [null, 'Мероприятие', 'Исполнитель', 'Срок', null],
      [1.1, 'А', 'КС', 'март 2021', 'заметка'],
      [1.2, '', 'КС', 'март 2021', null],
    ]);
    const [a] = recognizeTables(unnamed, opts);
    expect(a.table?.columns[0]).toEqual({ column: 1, role: 'number', header: '' });
    expect(a.items.map((i) => [i.number, i.extra])).toEqual([
      ['1.1', { 'Столбец 5': 'заметка' }],
      ['1.2', undefined],
    ]);
    expect(a.items[1].problems[0]).toEqual({
      code: 'missing_title',
      column: 2,
      message: 'Строка 3, «Мероприятие»: не указано наименование',
    });
    const inTitle = pad([
      ['Мероприятие', 'Исполнитель', 'Срок'],
      ['1.1. Первое', 'КС', 'март 2021'],
      ['Второе без номера', 'КС', 'март 2021'],
    ]);
    const [b] = recognizeTables(inTitle, opts);
    expect(b.items.map((i) => [i.number, i.title])).toEqual([
      ['1.1', 'Первое'],
      ['', 'Второе без номера'],
    ]);
  });

  it('recovers «2.10» that a spreadsheet stored as the number 2.1', () => {
    const grid = pad([
      ['№', 'Мероприятие', 'Исполнитель', 'Срок'],
      ...[2.8, 2.9, 2.1, 2.11].map((n) => [n, 'А', 'КС', 'май 2021']),
    ]);
    const [doc] = recognizeTables(grid, opts);
    expect(doc.items.map((i) => i.number)).toEqual(['2.8', '2.9', '2.10', '2.11']);
    expect(doc.items.every((i) => i.problems.length === 0)).toBe(true);
  });

  it('keeps a number cell that is not an outline number as written', () => {
    const grid = pad([
      ['№', 'Мероприятие', 'Исполнитель', 'Срок'],
      ['1а', 'А', 'КС', 'март 2021'],
      ['1б.', 'Б', 'КС', 'март 2021'],
    ]);
    const [doc] = recognizeTables(grid, opts);
    expect(doc.items.map((i) => i.number)).toEqual(['1а', '1б']);
  });

  it('gives no documents for a grid without a header', () => {
    expect(recognizeTables(pad([['просто текст'], ['ещё', 'текст']]), opts)).toEqual([]);
    expect(recognizeTables([], opts)).toEqual([]);
  });

  it('uses the period the user set over the title', () => {
    const grid = pad([
      ['План работы на 2021 год'],
      ['№', 'Мероприятие', 'Исполнитель', 'Срок'],
      ['1', 'А', 'КС', 'март 2021'],
    ]);
    const period = { start: '2022-01-01', end: '2022-12-31' };
    const [doc] = recognizeTables(grid, { ...opts, period });
    expect(doc.period).toEqual(period);
    expect(doc.items[0].problems.map((p) => p.code)).toEqual(['deadline_outside_period']);
  });
});
