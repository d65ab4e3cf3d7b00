import { executorsRawOf, recognizeTables, splitExecutors } from '@cluster/shared';
import { describe, expect, it } from 'vitest';

// Each row: the rule a reader follows, the cell as written, the executors it names.
const RULES: [string, string, string[]][] = [
  ['a line break ends an executor', 'Иванов И.И.\nПетров П.П.', ['Иванов И.И.', 'Петров П.П.']],
  ['«;» ends an executor', 'КС; ЦОПП', ['КС', 'ЦОПП']],
  ['a comma before a name ends an executor', 'Иванов И.И., Петров П.П.', ['Иванов И.И.', 'Петров П.П.']],
  [
    'a comma before a capitalised part ends an executor',
    'КС, ЦОПП, Минобразования',
    ['КС', 'ЦОПП', 'Минобразования'],
  ],
  [
    'a lower-case role after a name describes that person',
    'Иванов И.И., директор',
    ['Иванов И.И., директор'],
  ],
  [
    'a lower-case role after a role is another executor',
    'Директор, заместитель директора по УР',
    ['Директор', 'заместитель директора по УР'],
  ],
  [
    'a lower-case group after a group is another executor',
    'Руководители ПОО, работодатели',
    ['Руководители ПОО', 'работодатели'],
  ],
  [
    'a lower-case part that is not a role continues the executor',
    'Директор колледжа, в том числе его филиалов',
    ['Директор колледжа, в том числе его филиалов'],
  ],
  [
    'names written one after another (initials first)',
    'Н.Е. Иванова К.А. Петров',
    ['Н.Е. Иванова', 'К.А. Петров'],
  ],
  [
    'names written one after another (surname first)',
    'Иванова Н.Е. Петров К.А.',
    ['Иванова Н.Е.', 'Петров К.А.'],
  ],
  [
    'a role over the name under it is one executor',
    'Председатель совета\nБаева Н.А.',
    ['Председатель совета Баева Н.А.'],
  ],
  [
    'a role with a name under it, then another role with its name',
    'Председатель совета\nБаева Н.А.\nСекретарь\nОрлова О.О.',
    ['Председатель совета Баева Н.А.', 'Секретарь Орлова О.О.'],
  ],
  [
    'two roles on two lines stay two',
    'Директор\nЗаместитель директора',
    ['Директор', 'Заместитель директора'],
  ],
  [
    'a lower-case line continues the line above (the comma rules apply)',
    'Иванов И.И.,\nдиректор колледжа',
    ['Иванов И.И., директор колледжа'],
  ],
  [
    'words with no separator stay one executor',
    'Рабочая группа Специалисты отраслевых предприятий',
    ['Рабочая группа Специалисты отраслевых предприятий'],
  ],
  ['list marks and trailing separators go', '- КС;\n• ЦОПП,', ['КС', 'ЦОПП']],
  ['an empty cell names nobody', '  ', []],
];

describe('executors', () => {
  it.each(RULES)('%s: %j', (_rule, text, expected) => {
    expect(splitExecutors(text)).toEqual(expected);
  });

  it('keeps the text as written only where the list does not give it back', () => {
    expect(executorsRawOf('КС; ЦОПП', ['КС', 'ЦОПП'])).toBeUndefined();
    expect(executorsRawOf('КС', ['КС'])).toBeUndefined();
    expect(executorsRawOf('Н.Е. Иванова К.А. Петров', ['Н.Е. Иванова', 'К.А. Петров'])).toBe(
      'Н.Е. Иванова К.А. Петров',
    );
    expect(executorsRawOf('', [])).toBeUndefined();
  });

  it('a table item keeps its executors cell as written', () => {
    const [doc] = recognizeTables(
      [
        ['№', 'Мероприятие', 'Ответственный', 'Срок'],
        ['1', 'Совещание', 'Председатель совета\nБаева Н.А.', 'май 2021'],
        ['2', 'Отчёт', 'КС', 'июнь 2021'],
      ],
      { today: '2021-01-10' },
    );
    expect(doc.items[0].executors).toEqual(['Председатель совета Баева Н.А.']);
    expect(doc.items[0].executorsRaw).toBe('Председатель совета\nБаева Н.А.');
    expect(doc.items[1].executorsRaw).toBeUndefined();
  });
});
