// The synthetic roadmap sheet of the sync bench, in the add-in's shape (rows[N-1] is row N).
// Same as sync-service/test/helpers/big-sheet.ts (benches cannot import test helpers across projects).
const DEADLINES = [
  'январь 2099',
  'IV квартал 2098 г.',
  '15.03.2020',
  'в течение года',
  'май-сентябрь 2099',
  '2099-06-30',
];
const EXECUTORS = ['Иванов И.И.', 'Колледж', 'Работодатели кластера', 'Министерство образования'];

export type SheetRow = { id: string | null; cells: (string | number | boolean | null)[] };

export function bigRoadmapRows(count: number, variant = ''): SheetRow[] {
  const rows: SheetRow[] = [
    { id: null, cells: ['Дорожная карта кластера на 2098-2099 годы', null, null, null, null, null] },
    { id: null, cells: [null, null, null, null, null, null] },
    {
      id: null,
      cells: [
        '№ п/п',
        'Наименование мероприятия',
        'Ответственный исполнитель',
        'Срок исполнения',
        'Результат',
        'Отметка о выполнении',
      ],
    },
  ];
  for (let i = 0; i < count; i++) {
    const section = Math.floor(i / 50) + 1;
    const n = (i % 50) + 1;
    rows.push({
      id: null,
      cells: [
        `${section}.${n}`,
        `Мероприятие ${section}.${n}${variant}: подготовка кадров по направлению ${(i * 7919) % 1000}`,
        EXECUTORS[i % EXECUTORS.length],
        DEADLINES[i % DEADLINES.length],
        `Отчёт ${i + 1}`,
        i % 7 === 0 ? 'Выполнено' : '',
      ],
    });
  }
  return rows;
}
