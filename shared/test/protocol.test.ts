import { attendee, attendees, DocumentSchema, parseProtocol, readText } from '@cluster/shared';
import { describe, expect, it } from 'vitest';

const opts = { today: '2022-03-01' };

describe('parseProtocol', () => {
  const text = [
    '**Протокол № 5-к**',
    'заседания координационного совета',
    '15.02.2022, 10:30',
    'Место проведения: г. Калуга, ул. Ленина, 1',
    'Присутствовали: Иванов И.И., ректор ФГБОУ ВО «КГУ»',
    'Петров П.П. – директор ООО «Завод»',
    'Повестка дня:',
    '1. Об итогах года;',
    'и о планах',
    '2. О разном.',
    'Слушали: Иванова И.И.',
    'Решили:',
    '1. Подготовить отчёт. Ответственный: Петров П.П. Срок: до 1 апреля 2022 г.',
    '2. Провести семинар.',
    'Исполнители: Иванов И.И.; Сидоров С.С.',
    'Срок исполнения – март 2022 г.',
    '3. Направить письмо 20.03.2022.',
    'Председатель ____ Иванов',
    '4. Не решение, а подпись',
  ].join('\n');
  const doc = parseProtocol(text, opts);

  it('reads the meeting', () => {
    expect(DocumentSchema.safeParse(doc).success).toBe(true);
    expect(doc.title).toBe('Протокол № 5-к заседания координационного совета');
    expect(doc.meeting).toEqual({
      number: '5-к',
      date: '2022-02-15',
      time: '10:30',
      place: 'г. Калуга, ул. Ленина, 1',
      attendees: [
        { name: 'Иванов И.И.', position: 'ректор', organisation: 'ФГБОУ ВО «КГУ»' },
        { name: 'Петров П.П.', position: 'директор', organisation: 'ООО «Завод»' },
      ],
      agenda: ['Об итогах года и о планах', 'О разном.'],
    });
  });

  it('reads decisions with inline and separate executor and deadline lines, up to the signature', () => {
    expect(
      doc.items.map((i) => [i.number, i.row, i.title, i.executors, i.deadline.raw, i.deadline.due]),
    ).toEqual([
      ['1', 13, 'Подготовить отчёт.', ['Петров П.П.'], 'до 1 апреля 2022 г.', '2022-04-01'],
      ['2', 14, 'Провести семинар.', ['Иванов И.И.', 'Сидоров С.С.'], 'март 2022 г.', '2022-03-31'],
      ['3', 17, 'Направить письмо 20.03.2022.', [], '20.03.2022', '2022-03-20'],
    ]);
    expect(doc.items.map((i) => i.problems.map((p) => p.code))).toEqual([[], [], ['missing_executor']]);
    expect(doc.items[0].state).toBe('upcoming');
  });

  it('copes with a text without any structure', () => {
    const d = parseProtocol('', opts);
    expect(d.items).toEqual([]);
    expect(d.meeting).toEqual({
      number: null,
      date: null,
      time: null,
      place: null,
      attendees: [],
      agenda: [],
    });
  });
});

describe('parseProtocol with a «Решили:» for each question', () => {
  const text = [
    'ПРОТОКОЛ № 7',
    '10 марта 2022 г.',
    'Повестка:',
    '1. О плане.',
    '2. О бюджете.',
    'СЛУШАЛИ: Иванова.',
    'РЕШИЛИ: Утвердить план.',
    'Ответственный – Иванов И.И., срок – до 01.04.2022',
    'СЛУШАЛИ: Петрова.',
    'РЕШИЛИ:',
    '1. Принять бюджет.',
    '2. Направить письмо до 15.04.2022.',
  ].join('\n');

  it('gives each decision its question as the task', () => {
    const doc = parseProtocol(text, opts);
    expect(doc.items.map((i) => [i.number, i.row, i.task, i.title, i.executors, i.deadline.due])).toEqual([
      ['', 7, 'О плане.', 'Утвердить план.', ['Иванов И.И.'], '2022-04-01'],
      ['1', 11, 'О бюджете.', 'Принять бюджет.', [], null],
      ['2', 12, 'О бюджете.', 'Направить письмо до 15.04.2022.', [], '2022-04-15'],
    ]);
    expect(doc.unplaced).toEqual([]);
  });
});

describe('meeting header variants', () => {
  it('reads the date from the protocol line and the place from the date line', () => {
    const a = parseProtocol('ПРОТОКОЛ № 5 от 15.02.2022\nзаседания совета\nРешили:\n1. Сделать.', opts);
    expect([a.meeting?.number, a.meeting?.date, a.title]).toEqual([
      '5',
      '2022-02-15',
      'ПРОТОКОЛ № 5 от 15.02.2022 заседания совета',
    ]);
    const b = parseProtocol(
      'ПРОТОКОЛ № 2\nг. Томск        22 октября 2021 г., 10.30\nРешили:\n1. Сделать.',
      opts,
    );
    expect([b.meeting?.date, b.meeting?.time, b.meeting?.place]).toEqual(['2021-10-22', '10:30', 'г. Томск']);
    const d = parseProtocol('ПРОТОКОЛ\nзаседания совета\nот 15 марта 2022 г.        № 3\n', opts);
    expect([d.meeting?.number, d.meeting?.date, d.title]).toEqual([
      '3',
      '2022-03-15',
      'ПРОТОКОЛ заседания совета',
    ]);
    const c = parseProtocol('ПРОТОКОЛ\n31.02.2022\n', opts);
    expect(c.meeting?.date).toBeNull();
  });
});

describe('a protocol with «N. СЛУШАЛИ:» before each «РЕШИЛИ:» and a separate time line', () => {
  const text = [
    'ПРОТОКОЛ № 5',
    'заседания координационного совета',
    '',
    'от 15 марта 2022 г.                                             № 5',
    'Место проведения: г. Калуга, ул. Ленина, д. 1',
    'Время: 14:30',
    '',
    'Присутствовали:',
    'Петров П.П., директор ГАПОУ КО «Калужский колледж»;',
    'Сидорова С.С., начальник отдела кадров АО «Тайфун».',
    '',
    'Повестка дня:',
    '1. Об итогах 2021 года.',
    '2. О плане на 2022 год.',
    '',
    '1. СЛУШАЛИ: Петрова П.П. об итогах.',
    'РЕШИЛИ:',
    '1.1. Информацию принять к сведению.',
    '1.2. Подготовить отчёт о работе кластера за 2021 год.',
    'Ответственный: Петров П.П.',
    'Срок: до 01.04.2022 г.',
    '',
    '2. СЛУШАЛИ: Сидорову С.С.',
    'РЕШИЛИ:',
    '2.1. Утвердить план работы на 2022 год. Ответственные исполнители: Петров П.П., Сидорова С.С. Срок – в течение года.',
    '2.2. Обеспечить участие. Срок: когда получится',
    '',
    'Председатель                     И.И. Иванов',
  ].join('\n');
  const doc = parseProtocol(text, { today: '2022-03-20' });

  it('keeps «СЛУШАЛИ» out of the agenda and reads the time', () => {
    expect(doc.meeting).toMatchObject({
      number: '5',
      date: '2022-03-15',
      time: '14:30',
      place: 'г. Калуга, ул. Ленина, д. 1',
      agenda: ['Об итогах 2021 года.', 'О плане на 2022 год.'],
    });
    expect(doc.meeting?.attendees.map((a) => a.organisation)).toEqual([
      'ГАПОУ КО «Калужский колледж»',
      'АО «Тайфун»',
    ]);
  });

  it('gives each decision its question, executor and deadline; a decision with none sets none', () => {
    expect(
      doc.items.map((i) => [i.row, i.number, i.task, i.executors, i.deadline.kind, i.deadline.due]),
    ).toEqual([
      [18, '1.1', 'Об итогах 2021 года.', [], 'none', null],
      [19, '1.2', 'Об итогах 2021 года.', ['Петров П.П.'], 'date', '2022-04-01'],
      [25, '2.1', 'О плане на 2022 год.', ['Петров П.П.', 'Сидорова С.С.'], 'period', '2022-12-31'],
      [26, '2.2', 'О плане на 2022 год.', [], 'unknown', null],
    ]);
    expect(doc.items[0].problems.map((p) => p.message)).toEqual([
      'Строка 18, «Исполнитель»: не указан исполнитель',
    ]);
    expect(doc.items[3].problems.map((p) => p.code)).toEqual(['missing_executor', 'unreadable_deadline']);
  });
});

describe('decisions numbered from 1 again in each «Решили:»', () => {
  it('are not duplicates of the previous block, but a repeat inside a block still is', () => {
    const doc = parseProtocol(
      [
        'ПРОТОКОЛ № 3',
        '10.02.2022',
        'Слушали: Иванова И.И.',
        'Решили:',
        '1. Сделать А. Ответственный – Иванов И.И., срок до 01.03.2022.',
        '2. Сделать Б. Ответственный – Иванов И.И., срок до 01.04.2022.',
        'Слушали: Петрова П.П.',
        'Решили:',
        '1. Сделать В. Ответственный – Петров П.П., срок до 01.05.2022.',
        '1. Сделать Г. Ответственный – Петров П.П., срок до 01.06.2022.',
      ].join('\n'),
      { today: '2022-02-15' },
    );
    expect(doc.items.map((i) => [i.row, i.number, i.problems.map((p) => p.message)])).toEqual([
      [5, '1', []],
      [6, '2', []],
      [9, '1', []],
      [10, '1', ['Строка 10, «№»: номер «1» уже есть в строке 9']],
    ]);
  });
});

describe('chair and secretary above the attendees', () => {
  it('does not end the protocol there', () => {
    const doc = parseProtocol(
      [
        'ПРОТОКОЛ № 4',
        '01.03.2022',
        'Председатель – Иванов И.И.',
        'Секретарь – Петров П.П.',
        '1. О плане.',
        '1.1. Утвердить план.',
        'Секретарь ____ Петров',
      ].join('\n'),
      opts,
    );
    expect(doc.items.map((i) => [i.number, i.task, i.title])).toEqual([
      ['1.1', 'О плане.', 'Утвердить план.'],
    ]);
  });
});

describe('decision lines', () => {
  it('takes an inline deadline clause out of the text, before or after the executor', () => {
    const doc = parseProtocol(
      [
        'Решили:',
        '1. Подготовить отчёт. Срок – до 01.12.2021. Ответственный – Иванов И.И.',
        '2. Провести семинар, срок до 15.12.2021.',
        '3. Определить сроки работ.',
        '15.12.2021 г. провести итоговое совещание.',
      ].join('\n'),
      opts,
    );
    expect(doc.items.map((i) => [i.title, i.executors, i.deadline.raw])).toEqual([
      ['Подготовить отчёт.', ['Иванов И.И.'], 'до 01.12.2021'],
      ['Провести семинар', [], 'до 15.12.2021'],
      ['Определить сроки работ. 15.12.2021 г. провести итоговое совещание.', [], '15.12.2021 г.'],
    ]);
  });
});

describe('attendees', () => {
  it('splits a line of bare names', () => {
    expect(attendees('Иванов И.И., Петров П. П.; А.А. Сидорова, Кузнецова Анна Петровна.')).toEqual([
      { name: 'Иванов И.И.', position: '', organisation: '' },
      { name: 'Петров П. П.', position: '', organisation: '' },
      { name: 'А.А. Сидорова', position: '', organisation: '' },
      { name: 'Кузнецова Анна Петровна', position: '', organisation: '' },
    ]);
    expect(attendees('Иванов И.И., директор')).toEqual([
      { name: 'Иванов И.И.', position: 'директор', organisation: '' },
    ]);
  });
});

describe('attendee', () => {
  it('splits name, position and organisation', () => {
    expect(attendee('Сидоров С.С.')).toEqual({ name: 'Сидоров С.С.', position: '', organisation: '' });
    expect(attendee('Сидоров С.С., эксперт')).toEqual({
      name: 'Сидоров С.С.',
      position: 'эксперт',
      organisation: '',
    });
    expect(attendee('Сидоров С.С., начальник отдела Министерства образования;')).toEqual({
      name: 'Сидоров С.С.',
      position: 'начальник отдела',
      organisation: 'Министерства образования',
    });
  });
});

describe('readText', () => {
  it('reads a tab-separated table', () => {
    const text = 'Дорожная карта на 2021 год\n№\tМероприятие\tИсполнитель\tСрок\n1.\tА\tКС\tмарт 2021\n';
    const docs = readText(text, opts);
    expect(docs.map((d) => [d.kind, d.items.map((i) => [i.row, i.number])])).toEqual([
      ['roadmap', [[3, '1']]],
    ]);
  });
  it('reads a protocol', () => {
    expect(readText('ПРОТОКОЛ № 3\nРешили:\n1. Сделать.\n', opts).map((d) => d.kind)).toEqual(['protocol']);
  });
  it('gives nothing for text that is neither', () => {
    expect(readText('Просто заметка\nбез таблицы', opts)).toEqual([]);
  });
});

// Protocol forms (issue 12): each row is a rule in general terms, a text, and the decisions it gives
// as [number, title, deadline raw, deadline kind, due].
const FORMS: [string, string, [string, string, string, string, string | null][]][] = [
  [
    'a date on or before the meeting inside a decision describes an event, not a deadline',
    [
      'ПРОТОКОЛ № 3',
      '15 марта 2021 г.',
      'Решили:',
      '1. Принять к сведению информацию об итогах мероприятия, проведенного 13 мая 2017 г.',
      '2. Подготовить отчёт, в срок до 01.12.2021.',
    ].join('\n'),
    [
      [
        '1',
        'Принять к сведению информацию об итогах мероприятия, проведенного 13 мая 2017 г.',
        '',
        'none',
        null,
      ],
      ['2', 'Подготовить отчёт', 'до 01.12.2021', 'date', '2021-12-01'],
    ],
  ],
  [
    'a date introduced as a deadline («срок», «до», «не позднее», «к») is one even after another date',
    [
      'ПРОТОКОЛ № 4',
      '15 марта 2021 г.',
      'Решили:',
      '1. По итогам совещания 10.03.2021 направить предложения не позднее 01.04.2021.',
    ].join('\n'),
    [
      [
        '1',
        'По итогам совещания 10.03.2021 направить предложения не позднее 01.04.2021.',
        'не позднее 01.04.2021',
        'date',
        '2021-04-01',
      ],
    ],
  ],
  [
    'a plain date after the meeting is when the decided thing happens: its deadline',
    ['ПРОТОКОЛ № 5', '15 марта 2021 г.', 'Решили:', '1. Провести семинар 20.04.2021 для мастеров.'].join(
      '\n',
    ),
    [['1', 'Провести семинар 20.04.2021 для мастеров.', '20.04.2021', 'date', '2021-04-20']],
  ],
  [
    'a list headed «Приняты решения:» / «Принято решение:» holds the decisions',
    [
      'ПРОТОКОЛ № 6',
      '15 марта 2021 г.',
      'Присутствовали: Иванов И.И., Петров П.П.',
      'По итогам обсуждения приняты решения:',
      '1. Одобрить план работы.',
      '2. Подготовить отчёт. Срок: май 2021 г.',
    ].join('\n'),
    [
      ['1', 'Одобрить план работы.', '', 'none', null],
      ['2', 'Подготовить отчёт.', 'май 2021 г.', 'month', '2021-05-31'],
    ],
  ],
  [
    'an order (распоряжение) numbers its decisions under its subject, each with a «Срок:» line',
    [
      'РАСПОРЯЖЕНИЕ',
      'от 12.03.2021 № 45-р',
      'О проведении регионального чемпионата',
      'В целях подготовки к чемпионату:',
      '1. Директорам ПОО обеспечить участие студентов.',
      'Срок: до 01.04.2021.',
      '2. Контроль за исполнением настоящего распоряжения оставляю за собой.',
    ].join('\n'),
    [
      ['1', 'Директорам ПОО обеспечить участие студентов.', 'до 01.04.2021', 'date', '2021-04-01'],
      ['2', 'Контроль за исполнением настоящего распоряжения оставляю за собой.', '', 'none', null],
    ],
  ],
  [
    'an order (приказ) lists its decisions after «ПРИКАЗЫВАЮ:»',
    [
      'ПРИКАЗ',
      '12.03.2021 № 101',
      'Об организации стажировок',
      'ПРИКАЗЫВАЮ:',
      '1. Провести стажировки преподавателей.',
      'Срок: май 2021 г.',
      'Ответственный: Сидоров С.С.',
    ].join('\n'),
    [['1', 'Провести стажировки преподавателей.', 'май 2021 г.', 'month', '2021-05-31']],
  ],
];

describe('protocol forms', () => {
  it.each(FORMS)('%s', (_rule, text, expected) => {
    const [doc] = readText(text, opts);
    expect(doc.kind).toBe('protocol');
    expect(
      doc.items.map((i) => [i.number, i.title, i.deadline.raw, i.deadline.kind, i.deadline.due]),
    ).toEqual(expected);
  });

  it('an order keeps its kind, number, date and subject', () => {
    const [doc] = readText(FORMS[4][1], opts);
    expect(doc.title).toBe('РАСПОРЯЖЕНИЕ О проведении регионального чемпионата');
    expect(doc.meeting).toMatchObject({ number: '45-р', date: '2021-03-12' });
  });
});
