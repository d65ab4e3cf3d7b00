// The samples as clusters (slug, name, region, file), and an in-memory ReportSource for tests
// that need no store.
import { fileURLToPath } from 'node:url';
import type { Mark } from '@cluster/shared';
import type { ReportCluster, ReportItem, ReportMove, ReportSource } from '../../src/reports/model.ts';

export const SAMPLES_DIR = fileURLToPath(new URL('../../../fixtures/samples/', import.meta.url));

export const SAMPLE_CLUSTERS: (ReportCluster & { file: string })[] = [
  {
    slug: 'smolensk-light',
    name: 'Кластер лёгкой промышленности',
    region: 'Смоленская область',
    file: 'plan-smolensk-light-industry-2018-2019.txt',
  },
  {
    slug: 'smolensk-construction',
    name: 'Строительный кластер Смоленской области',
    region: 'Смоленская область',
    file: 'protocol-smolensk-construction-2017.txt',
  },
  {
    slug: 'smolensk-transport',
    name: 'Транспортный кластер',
    region: 'Смоленская область',
    file: 'protocol-smolensk-transport-2019.txt',
  },
  {
    slug: 'tomsk-industrial',
    name: 'Промышленный кластер Томской области',
    region: 'Томская область',
    file: 'protocol-tomsk-industrial-2021.txt',
  },
  {
    slug: 'tomsk-construction',
    name: 'Кластер строительства',
    region: 'Томская область',
    file: 'roadmap-tomsk-construction-2021.txt',
  },
];

export function memorySource(
  clusters: ReportCluster[],
  items: readonly ReportItem[],
  moves: readonly ReportMove[] = [],
): ReportSource {
  return {
    clusters: async () => clusters,
    async *items() {
      yield* items;
    },
    async *moves() {
      yield* moves;
    },
  };
}

/** User text in every field, each starting with a character a spreadsheet acts on. */
export const FORMULA_TEXTS = {
  region: '+7 (999) регион',
  cluster: '=HYPERLINK("http://evil.example";"кластер")',
  document: '-1+2 документ',
  task: '@SUM(1;2) задача',
  number: '=1',
  title: '+мероприятие',
  executorA: '-Иванов И.И.',
  executorB: '@руководители',
  deadline: '=DATE(2021;3;1)',
  result: '=результат',
  mark: '@отметка',
  doneMark: '=выполнено 01.02.2021',
  movedTitle: '-перенесённое',
};

export function formulaData(): { cluster: ReportCluster; items: ReportItem[]; moves: ReportMove[] } {
  const cluster = { slug: 'evil', name: FORMULA_TEXTS.cluster, region: FORMULA_TEXTS.region };
  const document = { title: FORMULA_TEXTS.document, period: { start: '2021-01-01', end: '2021-12-31' } };
  const base = {
    cluster,
    document,
    task: FORMULA_TEXTS.task,
    number: FORMULA_TEXTS.number,
    executors: [FORMULA_TEXTS.executorA, FORMULA_TEXTS.executorB],
    result: FORMULA_TEXTS.result,
  };
  const none: Mark = { raw: FORMULA_TEXTS.mark, status: 'none' };
  const items: ReportItem[] = [
    {
      ...base,
      id: 'a',
      row: 5,
      title: FORMULA_TEXTS.title,
      deadline: { raw: FORMULA_TEXTS.deadline, kind: 'date', start: null, due: '2021-03-01' },
      mark: none,
    },
    {
      ...base,
      id: 'b',
      row: 6,
      title: FORMULA_TEXTS.movedTitle,
      deadline: { raw: FORMULA_TEXTS.deadline, kind: 'date', start: null, due: '2021-01-15' },
      mark: { raw: FORMULA_TEXTS.doneMark, status: 'done', date: '2021-02-01' },
    },
  ];
  const moves: ReportMove[] = [
    {
      itemId: 'b',
      cluster,
      documentTitle: FORMULA_TEXTS.document,
      documentPeriod: document.period,
      number: FORMULA_TEXTS.number,
      title: FORMULA_TEXTS.movedTitle,
      from: '2021-01-15',
      to: '2021-02-15',
      seenAt: '2021-01-20T10:00:00Z',
    },
  ];
  return { cluster, items, moves };
}
