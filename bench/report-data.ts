// Synthetic report input for the report bench: items generated on the fly (an in-memory iterator
// with the ReportSource shape, no store), so the figures are the report's own and not the
// store's. Deterministic: the same n gives the same items, grouped by cluster (one plan each).
import type {
  ReportCluster,
  ReportItem,
  ReportMove,
  ReportSource,
} from '@cluster/sync-service/reports/model.ts';
import { MONTHS } from './roadmap-words.ts';

const REGIONS = ['Томская область', 'Смоленская область', 'Калужская область', 'Тульская область'];
const EXECUTORS = [
  'Руководители ПОО',
  'Председатель КС',
  'Координационный совет',
  'ОГБПОУ «Томский индустриальный техникум»',
  'Департамент образования',
  'Рабочая группа',
  'Иванов И.И.',
  'Петрова А.С., заместитель директора',
];
const TITLES = [
  'Разработка и утверждение соглашения о сотрудничестве в образовательно-отраслевом кластере',
  'Корректировка вариативной части ОПОП под приоритеты отраслевых предприятий, в том числе для лиц с ОВЗ',
  'Проведение заседаний Координационного совета',
  'Организация стажировок преподавателей на предприятиях отрасли',
  'Мониторинг трудоустройства выпускников',
];
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (m: number) => [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];

export const BENCH_AS_OF = '2021-11-20';
export const CLUSTER_COUNT = 200;

export function benchClusters(count = CLUSTER_COUNT): ReportCluster[] {
  return Array.from({ length: count }, (_, i) => ({
    slug: `cluster-${i}`,
    name: `Образовательно-производственный кластер № ${i + 1}`,
    region: REGIONS[i % REGIONS.length],
  }));
}

export function* benchItems(n: number, clusters = benchClusters()): Generator<ReportItem> {
  const period = { start: '2021-01-01', end: '2021-12-31' };
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let i = 0; i < n; i++) {
    const cluster = clusters[Math.floor((i * clusters.length) / n)];
    const m = 1 + Math.floor(rnd() * 12);
    const r = rnd();
    const due = `2021-${pad(m)}-${pad(lastDay(m))}`;
    const deadline =
      r < 0.05
        ? { raw: 'постоянно', kind: 'ongoing' as const, start: null, due: null }
        : r < 0.08
          ? { raw: 'по итогам', kind: 'unknown' as const, start: null, due: null }
          : { raw: `${MONTHS[m - 1]} 2021 г.`, kind: 'month' as const, start: `2021-${pad(m)}-01`, due };
    const markRoll = rnd();
    const mark =
      markRoll < 0.35
        ? {
            raw: `выполнено ${pad(1 + Math.floor(rnd() * 28))}.${pad(m)}.2021`,
            status: 'done' as const,
            date: `2021-${pad(m)}-15`,
          }
        : markRoll < 0.4
          ? { raw: 'перенесено на 15.12.2021', status: 'postponed' as const, movedTo: '2021-12-15' }
          : { raw: '', status: 'none' as const };
    yield {
      id: `item-${i}`,
      cluster,
      document: { id: cluster.slug, title: `Дорожная карта кластера на 2021 год (${cluster.name})`, period },
      row: 10 + (i % 500),
      number: `${1 + (i % 9)}.${1 + (i % 17)}`,
      // Sections run for 100 items, as in a plan (headings on the list sheets follow them).
      task: `Задача ${1 + (Math.floor(i / 100) % 5)}. Повышение качества подготовки кадров`,
      title: `${TITLES[i % TITLES.length]} (${i})`,
      executors: [
        EXECUTORS[i % EXECUTORS.length],
        ...(i % 3 === 0 ? [EXECUTORS[(i + 3) % EXECUTORS.length]] : []),
      ],
      deadline,
      result: 'Протокол заседания, приказ',
      mark,
    };
  }
}

/** `n` moves, one per 20 of the `items` items (of the same cluster), in the items' order. */
export function* benchMoves(n: number, clusters = benchClusters(), items = n * 20): Generator<ReportMove> {
  for (let i = 0; i < n; i++) {
    const cluster = clusters[Math.floor((i * 20 * clusters.length) / items)];
    yield {
      itemId: `item-${i * 20}`,
      cluster,
      documentTitle: `Дорожная карта кластера на 2021 год (${cluster.name})`,
      documentPeriod: { start: '2021-01-01', end: '2021-12-31' },
      number: `${1 + (i % 9)}.${1 + (i % 17)}`,
      title: TITLES[i % TITLES.length],
      from: '2021-09-30',
      to: '2021-12-15',
      seenAt: '2021-10-01T08:00:00.000Z',
    };
  }
}

/** Clusters for `n` items: 500 items each, as in the national data set (1,000,000 over 2,000). */
export const clusterCountFor = (n: number): number => Math.max(1, Math.round(n / 500));

/** Items and moves (one per 20 items) for `n` items. */
export function benchSource(n: number, clusters = benchClusters(clusterCountFor(n))): ReportSource {
  return {
    clusters: async () => clusters,
    async *items() {
      yield* benchItems(n, clusters);
    },
    async *moves() {
      yield* benchMoves(Math.floor(n / 20), clusters, n);
    },
  };
}
