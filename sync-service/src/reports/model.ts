// What a consolidated report reads. The store (or a test, or the bench) provides a ReportSource;
// the report never holds all items at once: per-item sheets are written while iterating.
import type { Deadline, Mark, Period } from '@cluster/shared';
import type { TallyPoint } from './trends.ts';

export interface ReportCluster {
  slug: string;
  name: string;
  region: string;
  /** When its last sync or import finished («Данные на …»); null if never, absent if unknown. */
  lastSyncAt?: string | null;
}

/** A document in the report's scope, current or finished on the report's date. */
export interface ReportDocument {
  id: string;
  cluster: ReportCluster;
  title: string;
  period: Period | null;
  /** Items (not removed). */
  items: number;
  /** When its source's last sync or import finished. */
  lastSyncAt: string | null;
}

export interface ReportItem {
  id: string;
  cluster: ReportCluster;
  document: { id?: string; title: string; period: Period | null };
  /** Row of the item in its sheet (used to keep the document's order). */
  row: number;
  number: string;
  /** Section or task the item belongs to («Задача 2. …»). */
  task: string;
  title: string;
  executors: string[];
  deadline: Deadline;
  result: string;
  mark: Mark;
  /** The executing organisation, when its table names one in a column (organisationOf). */
  organisation?: string | null;
  /** Soon-window of the item's sheet, when the sheet set one. */
  soonDays?: number | null;
}

/** One deadline move seen by a sync: the item's due date went from `from` to `to`. */
export interface ReportMove {
  itemId: string;
  cluster: ReportCluster;
  documentTitle: string;
  /** Plan period of the item's document, when known. */
  documentPeriod: Period | null;
  number: string;
  title: string;
  /** Due dates (ISO) before and after; null when unreadable. */
  from: string | null;
  to: string | null;
  /** When the move was seen (ISO timestamp of the sync). */
  seenAt: string;
}

export interface ReportSource {
  /** Clusters in the report's scope, items or not (so an empty cluster still shows in Сводка). */
  clusters(): Promise<ReportCluster[]>;
  items(): AsyncIterable<ReportItem>;
  /**
   * Deadline moves in the order they were seen; `until` (ISO timestamp, inclusive) lets a store skip
   * later ones. The report itself decides which moves it lists, so a source may yield more.
   */
  moves(range?: { until?: string }): AsyncIterable<ReportMove>;
  /**
   * Documents of the scope, current and finished (for «Данные на …» and the finished plans);
   * `clusters`: the scope's clusters when the caller has them already.
   */
  documents?(
    clusters?: readonly ReportCluster[],
  ): Promise<{ current: ReportDocument[]; finished: ReportDocument[] }>;
  /** Items of the plans finished by the report's date (only when the report lists them). */
  finishedItems?(): AsyncIterable<ReportItem>;
  /** The daily tallies the syncs kept (see reports/trends.ts); absent = no trend. */
  tallies?(range: { since: string; until: string }): Promise<TallyPoint[]>;
}

export interface ReportOptions {
  /** Day the states are computed for (YYYY-MM-DD). */
  asOf: string;
  /** Region the report covers; null = every region the reader sees. */
  region: string | null;
  /** A single cluster's report: its name is shown in the title block. */
  clusterName?: string | null;
  /** Default soon-window (days) for items whose sheet set none. */
  soonDays: number;
  /** When the report is made, and the zone its time is shown in. */
  generatedAt: Date;
  timeZone: string;
  /** Add «Завершённые планы»: each plan finished by `asOf` with its final tally. */
  finished?: boolean;
  /** A cluster without a sync for longer than this many days is flagged (default 30). */
  staleDays?: number;
  /** The addressee and signature block (the department's settings); absent = blanks to sign by hand. */
  letter?: {
    addressee: string | null;
    signerTitle: string | null;
    signerName: string | null;
  } | null;
  /** Rows per list sheet before the list continues on «Name (2)» (default: Excel's 1,048,576). */
  rowLimit?: number;
  /** «Изменение с …»: the trend's start and whether it is the previous report's day; absent = none. */
  since?: { day: string; previousReport: boolean } | null;
}

/** What the writer reports back (for logs, the CLI and tests). */
export interface ReportTotals {
  clusters: number;
  items: number;
  overdue: number;
  moves: number;
  /** Finished plans listed (0 unless asked for). */
  finished: number;
}
