// What the national data set is made of, cluster by cluster, with no I/O: each cluster's sheets in
// the add-in's row shape as synced on each day (one day, or two for a quarter of the clusters:
// deadlines moved, marks set, rows removed in between), and the counts that must come out of the
// store for "today" — decided here from the dates each row was written with, not by the domain core.
// Deterministic: the same size, cluster and today give the same rows.
import { addDays, ITEM_STATES, type ItemState, isoParts, TEMPLATE_HEADERS } from '@cluster/shared';
import { itemRow, type Period, rng, ru } from './national-items.ts';
import { INDUSTRIES, ORGANISATIONS, REGIONS } from './roadmap-words.ts';

export { SOON_DAYS } from './national-items.ts';

export interface NationalSize {
  clusters: number;
  itemsPerCluster: number;
  regions: number;
}
export const QUICK_SIZE: NationalSize = { clusters: 100, itemsPerCluster: 200, regions: 20 };
export const FULL_SIZE: NationalSize = { clusters: 2_000, itemsPerCluster: 500, regions: REGIONS.length };

export type SheetRow = { id: string | null; cells: (string | number | boolean | null)[] };

export interface SheetSnapshot {
  sheetId: number;
  sheetName: string;
  rows: SheetRow[];
}

export interface ClusterExpectation {
  /** Items in the cluster's sheets on the last day (removed rows not counted). */
  items: number;
  /** Those items by state on `today`. */
  states: Record<ItemState, number>;
  /** Done items with a completion date after their due. */
  doneLate: number;
  /** Rows of the first day gone on the second (tombstones). */
  removed: number;
  /** Items whose deadline the second day's sheet moved (one deadline_moved event each). */
  moved: number;
  /** Items marked «перенесено на …». */
  postponed: number;
  /** Documents (one per sheet). */
  documents: number;
  /** Items whose title holds RARE_WORD. */
  rare: number;
}

export interface ClusterPlan {
  slug: string;
  name: string;
  region: string;
  spreadsheetId: string;
  /** Sync days in order, the last being `today`. */
  days: { today: string; sheets: SheetSnapshot[] }[];
  expected: ClusterExpectation;
}

export const ITEM_STATES_ALL: readonly ItemState[] = ITEM_STATES;

const LARGEST_REGION = REGIONS.indexOf('Московская область');

/**
 * Region of cluster `c`: the k-th region takes a share ∝ 1/(k+1)^0.7 of the clusters (uneven as in
 * life: at full size the largest has 10%, the smallest 9 clusters), the largest first, in blocks.
 */
export function regionOf(size: NationalSize, c: number): string {
  const weights = Array.from({ length: size.regions }, (_, k) => (k + 1) ** -0.7);
  const sum = weights.reduce((a, b) => a + b, 0);
  let upTo = 0;
  for (const [k, w] of weights.entries()) {
    upTo += (w / sum) * size.clusters;
    if (c + 0.5 < upTo) return REGIONS[(k + LARGEST_REGION) % REGIONS.length];
  }
  return REGIONS[(size.regions - 1 + LARGEST_REGION) % REGIONS.length];
}
interface SheetKind {
  sheetName: string;
  title: (industry: string, period: Period) => string;
  header: string[];
  /** Share of the cluster's items. */
  share: number;
  /** Rows between «Задача N» section rows (0: none). */
  section: number;
}

const years = (p: Period) => `${p.start.slice(0, 4)}–${p.end.slice(0, 4)}`;

const SHEETS: SheetKind[] = [
  {
    sheetName: 'Дорожная карта',
    title: (industry, p) =>
      `Дорожная карта образовательно-производственного кластера ${industry} на ${years(p)} годы`,
    header: [...TEMPLATE_HEADERS.roadmap.headers, 'Организация'],
    share: 0.6,
    section: 40,
  },
  {
    sheetName: 'План работы',
    title: (_, p) => `План работы кластера на ${years(p)} годы`,
    header: [...TEMPLATE_HEADERS.work_plan.headers],
    share: 0.3,
    section: 0,
  },
  {
    sheetName: 'Реестр решений',
    title: (_, p) => `Реестр решений координационного совета кластера на ${years(p)} годы`,
    header: [...TEMPLATE_HEADERS.decisions.headers],
    share: 0.1,
    section: 0,
  },
];

/** Days between the two syncs of a two-day cluster. */
export const SECOND_DAY_GAP = 21;

/** Cluster `c` of a data set of `size`, as synced up to `today` (YYYY-MM-DD). */
export function clusterPlan(size: NationalSize, c: number, today: string): ClusterPlan {
  const rnd = rng(0x9e3779b1 ^ (c * 2654435761));
  const [y] = isoParts(today);
  const period = { start: `${y - 1}-01-01`, end: `${y + 1}-12-31` };
  const industry = INDUSTRIES[c % INDUSTRIES.length];
  const twoDays = c % 4 === 1;
  const expected: ClusterExpectation = {
    items: 0,
    states: Object.fromEntries(ITEM_STATES_ALL.map((s) => [s, 0])) as Record<ItemState, number>,
    doneLate: 0,
    removed: 0,
    moved: 0,
    postponed: 0,
    documents: SHEETS.length,
    rare: 0,
  };
  const last: SheetSnapshot[] = [];
  const first: SheetSnapshot[] = [];
  let serial = c * size.itemsPerCluster;
  let left = size.itemsPerCluster;
  for (const [k, kind] of SHEETS.entries()) {
    const count = k === SHEETS.length - 1 ? left : Math.round(size.itemsPerCluster * kind.share);
    left -= count;
    const title = kind.title(industry, period);
    const head: SheetRow[] = [
      { id: null, cells: ['', '', '', 'УТВЕРЖДАЮ'] },
      { id: null, cells: ['', '', '', 'Председатель Координационного совета'] },
      { id: null, cells: [title] },
      { id: null, cells: [] },
      { id: null, cells: kind.header },
    ];
    const lastRows = [...head];
    const firstRows = [...head];
    let section = 0;
    for (let i = 0; i < count; i++) {
      if (kind.section && i % kind.section === 0) {
        section++;
        const task: SheetRow = {
          id: `t-${c}-${k}-${section}`,
          cells: [`Задача ${section}. Повышение качества подготовки кадров по направлению ${section}`],
        };
        lastRows.push(task);
        firstRows.push(task);
      }
      const number = kind.section ? `${section}.${(i % kind.section) + 1}` : `${i + 1}.`;
      const item = itemRow({ rnd, today, period, twoDays, serial: serial++ }, number);
      const org = k === 0 ? [ORGANISATIONS[(c + i) % ORGANISATIONS.length]] : [];
      const id = `r-${c}-${k}-${i}`;
      lastRows.push({ id, cells: [...item.cells, ...org] });
      firstRows.push({ id, cells: [...(item.firstDay ?? item.cells), ...org] });
      if (twoDays && i % 97 === 10) {
        // A row the second day's sheet no longer has.
        firstRows.push({
          id: `gone-${c}-${k}-${i}`,
          cells: [
            `${number}а`,
            'Мероприятие, исключённое из плана',
            'Рабочая группа',
            ru(addDays(today, 40)),
            'Протокол',
            '',
            ...org,
          ],
        });
        expected.removed++;
      }
      expected.items++;
      expected.states[item.state]++;
      if (item.doneLate) expected.doneLate++;
      if (item.moved) expected.moved++;
      if (item.postponed) expected.postponed++;
      if (item.rare) expected.rare++;
    }
    last.push({ sheetId: k, sheetName: kind.sheetName, rows: lastRows });
    first.push({ sheetId: k, sheetName: kind.sheetName, rows: firstRows });
  }
  return {
    slug: `cluster-${String(c + 1).padStart(4, '0')}`,
    name: `Образовательно-производственный кластер ${industry} № ${c + 1}`,
    region: regionOf(size, c),
    spreadsheetId: `national-${c + 1}-${(c * 7919).toString(36)}`,
    days: twoDays
      ? [
          { today: addDays(today, -SECOND_DAY_GAP), sheets: first },
          { today, sheets: last },
        ]
      : [{ today, sheets: last }],
    expected,
  };
}
