// What the store offers its callers: one interface over both backends (store.ts opens it).
import type { DisciplineCounts, ItemState } from '@cluster/shared';
import type pg from 'pg';

import type { CalendarFeedsRepo, ContactsRepo, RemindersRepo, RemindSettingsRepo } from './reminders.ts';
import type { SyncStore } from './sync-types.ts';
import type {
  Backend,
  Cluster,
  ClusterRollup,
  CreatedToken,
  DeadlineMove,
  Department,
  DepartmentSettings,
  DocumentFilter,
  DocumentRecord,
  ExecutorRollup,
  HistoryEvent,
  ItemFilter,
  ListPage,
  MoveAtCreation,
  OrganisationRollup,
  Region,
  RemoveOutcome,
  ReportItem,
  RollupFilter,
  Source,
  SourceFilter,
  SourceRef,
  StoreCounts,
  StoredItem,
  SyncRun,
  SyncRunFilter,
  TallyFilter,
  TallyPoint,
  TokenKind,
  TokenRecord,
} from './types.ts';

export interface Store {
  readonly backend: Backend;
  /** PostgreSQL's pool for state several processes share beside the store (rate limits); none on SQLite. */
  readonly pgPool?: pg.Pool;

  /** The store answers (on SQLite: its writing connection, which reads never occupy). */
  ping(): Promise<void>;

  regions: {
    list(): Promise<Region[]>;
  };

  /** Report recipients, tied to a region (the region is registered on first use). */
  departments: {
    /** Throws StoreError 'conflict' when the slug is taken. */
    create(input: { slug: string; name: string; region: string }): Promise<Department>;
    getById(id: string): Promise<Department | null>;
    getBySlug(slug: string): Promise<Department | null>;
    list(filter?: { region?: string }): Promise<Department[]>;
    /** Sets the settings given (null or blank clears one; absent keeps it); null for an unknown slug. */
    updateSettings(
      slug: string,
      settings: { [K in keyof DepartmentSettings]?: string | null },
    ): Promise<Department | null>;
    /** Removes the department and its tokens; false when there is none. */
    remove(id: string): Promise<boolean>;
  };

  clusters: {
    /** Throws StoreError 'conflict' when the slug is taken. */
    create(input: { slug: string; name: string; region: string; industry?: string | null }): Promise<Cluster>;
    getById(id: string): Promise<Cluster | null>;
    getBySlug(slug: string): Promise<Cluster | null>;
    /** By slug; a page of them with `limit` and `offset`. */
    list(filter?: { region?: string } & ListPage): Promise<Cluster[]>;
    count(): Promise<number>;
    /**
     * Removes the cluster with its tokens and sources; while it has documents only when
     * `withDocuments` (then they go too, with their items and history).
     */
    remove(id: string, options: { withDocuments: boolean }): Promise<RemoveOutcome>;
  };

  tokens: {
    /**
     * A new random token; only its sha256 is stored. `subject` is the cluster's or department's
     * slug (null for admin). Throws StoreError 'not_found' for an unknown subject.
     */
    create(input: {
      kind: TokenKind;
      subject: string | null;
      expiresAt?: string | null;
    }): Promise<CreatedToken>;
    /** By sha256 hex of the presented token; revoked tokens are returned too (check revokedAt). */
    findByHash(hash: string): Promise<TokenRecord | null>;
    /** False when there is no such token. */
    revoke(id: string): Promise<boolean>;
    getById(id: string): Promise<TokenRecord | null>;
    /** Oldest first (newest last), revoked ones too. */
    list(): Promise<TokenRecord[]>;
    /** Notes when the token last authenticated a request. */
    touch(id: string, at: string): Promise<void>;
  };

  sessions: {
    /** A new session of the token; returns its random id (only its hash is stored). */
    create(tokenId: string): Promise<string>;
    find(id: string): Promise<{ tokenId: string; lastSeenAt: string } | null>;
    touch(id: string, at: string): Promise<void>;
    end(id: string): Promise<void>;
    endForToken(tokenId: string): Promise<void>;
    /** Ends sessions idle since before `before` (ISO); returns how many. */
    endIdle(before: string): Promise<number>;
  };

  sources: {
    /** Registers (or finds) a source; a sheet's name and the title are updated when they changed. */
    register(clusterSlug: string, ref: SourceRef, title?: string | null): Promise<Source>;
    getById(id: string): Promise<Source | null>;
    /** By cluster slug, then registration; a page of them with `limit` and `offset`. */
    list(filter?: SourceFilter & ListPage): Promise<Source[]>;
    count(filter?: SourceFilter): Promise<number>;
    /** As clusters.remove, for one source (under its sync lock). */
    remove(id: string, options: { withDocuments: boolean }): Promise<RemoveOutcome>;
  };

  documents: {
    /** Current documents unless the filter says otherwise (archived, removed). */
    list(filter?: DocumentFilter): Promise<DocumentRecord[]>;
    /** How many `list` would give without `limit` and `offset`. */
    count(filter?: DocumentFilter): Promise<number>;
    getById(id: string): Promise<DocumentRecord | null>;
    /** Titles by id (removed and archived ones too), without counting items. */
    titles(ids: readonly string[]): Promise<Map<string, string>>;
    /** Archives (or brings back) a document; false when it already was so (or does not exist). */
    setArchived(id: string, archived: boolean): Promise<boolean>;
  };

  items: {
    /** Ordered by cluster slug, document, row. Default limit 1000. */
    list(filter?: ItemFilter): Promise<StoredItem[]>;
    /**
     * How many `list` would give without limit and offset (not with `asOf`). With `cap`, reads at
     * most cap + 1 matches: an answer over `cap` means «more than cap» (a broad match set is not
     * read through to count it).
     */
    count(filter?: ItemFilter, cap?: number): Promise<number>;
    /** With its original cells; removed items too. */
    get(id: string): Promise<StoredItem | null>;
    /** Oldest first, starting with `created`. Empty when the item does not exist. */
    history(id: string): Promise<HistoryEvent[]>;
    /**
     * Every matching item in batches (keyset paging; never loads all at once), cluster by cluster
     * (by region, then slug; a batch never mixes clusters), then by document and row.
     * `limit`/`offset` of the filter are ignored.
     */
    iterate(filter?: ItemFilter, batchSize?: number): AsyncGenerator<ReportItem[]>;
    /** Deadline moves in the order they were recorded, in batches, with per-item counts. */
    iterateDeadlineMoves(
      filter?: Pick<
        ItemFilter,
        'clusterSlugs' | 'region' | 'includeRemoved' | 'includeArchived' | 'plans'
      > & {
        since?: string;
        until?: string;
      },
      batchSize?: number,
    ): AsyncGenerator<DeadlineMove[]>;
    /**
     * Items that may have had their deadline moved by their mark when first synced (no sync saw that
     * move), with the deadline and mark they had then; `until` bounds their creation time.
     */
    iterateMovesAtCreation(
      filter?: Pick<
        ItemFilter,
        'clusterSlugs' | 'region' | 'includeRemoved' | 'includeArchived' | 'plans'
      > & { until?: string },
      batchSize?: number,
    ): AsyncGenerator<MoveAtCreation[]>;
  };

  syncRuns: {
    /** Newest first. Default limit 100. */
    list(filter?: SyncRunFilter): Promise<SyncRun[]>;
    getById(id: string): Promise<SyncRun | null>;
    /** When each cluster (by slug) in scope last had a sync or import finish; absent if never. */
    lastByCluster(filter?: { clusterSlugs?: string[]; region?: string }): Promise<Map<string, string>>;
  };

  leases: {
    /**
     * Takes the named lease for `ttlMs` if it is free, expired, or already held by `holder`
     * (then it is extended). Exactly one of several concurrent callers gets true.
     */
    tryAcquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
    release(name: string, holder: string): Promise<void>;
  };

  /** Counts per cluster and state by day, kept by the syncs (see tallies.ts). */
  tallies: {
    /**
     * Per cluster in scope, oldest first: its last tally on or before `since` (the baseline, when
     * there is one) and every later one up to `until`. A day without a sync has no row: the counts
     * stand as the last sync before it left them.
     */
    series(filter: TallyFilter): Promise<TallyPoint[]>;
    /** Summed over the clusters in scope: each one's last tally on or before `day` (none: nothing). */
    totalOn(filter: Omit<TallyFilter, 'since' | 'until'>, day: string): Promise<Record<ItemState, number>>;
    /**
     * Keeps the cluster's КИД counts as of `day` (the day a sync wrote its tally), rewriting that
     * day's; an unknown cluster keeps nothing.
     */
    recordDiscipline(clusterSlug: string, day: string, counts: DisciplineCounts): Promise<void>;
  };

  /** Counts on any day from the rollups the writers keep (rollups.ts), without reading items. */
  rollups: {
    /**
     * Per cluster in scope with items of plans current on the day; executors (within their
     * cluster) and organisations (named by the tables or the contacts) with an item whose due has come.
     * The answer may be shared with other reads of the same sums: read it, never change it.
     * `signal` stops the summing between chunks (the warm-up at start, when the service stops).
     */
    day(
      filter: RollupFilter,
      options?: { signal?: AbortSignal },
    ): Promise<{
      clusters: ClusterRollup[];
      /** Every such executor: a hundred thousand at national scale, so only made when asked. */
      executors: () => ExecutorRollup[];
      /** The five worst of them by КИД (worstByKid). */
      worst: ExecutorRollup[];
      /** Names of the executors with an overdue item, each once, in Russian order. */
      overdueExecutors: string[];
      organisations: OrganisationRollup[];
    }>;
  };

  /** The days reports were made for, by scope («region:…», «cluster:…», «all»). */
  reportsMade: {
    record(scope: string, asOf: string): Promise<void>;
    /** The latest report day of the scope before `asOf`; null when none. */
    previous(scope: string, asOf: string): Promise<string | null>;
  };
  /** Executors' contacts per cluster (reminders). */
  contacts: ContactsRepo;
  /** Clusters' reminder ladders and the departments' digest addresses. */
  remindSettings: RemindSettingsRepo;
  /** Reminders sent: at most once per item, recipient, channel and step. */
  reminders: RemindersRepo;
  calendarFeeds: CalendarFeedsRepo;

  /** The sync's reads and writes of one source, each in one transaction under the source's lock. */
  syncs: SyncStore;

  counts(): Promise<StoreCounts>;
  /**
   * Fresh planner statistics and visibility for the tables a bulk load touched (PostgreSQL: VACUUM
   * (ANALYZE) — autovacuum may come minutes later or be off, stale counts make per-page plans scan a
   * whole cluster, and pages not yet marked all-visible turn the lists' capped counts from index-only
   * scans into heap reads; SQLite: PRAGMA optimize).
   */
  analyze(): Promise<void>;

  /** Waits for running transactions, then closes. */
  close(): Promise<void>;
}
