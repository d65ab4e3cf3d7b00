// The Store over the SQL adapter: repositories assembled, migrations applied at open.
import type { Store } from './api.ts';
import { type Db, openDb } from './db.ts';
import { clustersRepo, departmentsRepo, regionsRepo, tokensRepo } from './directory.ts';
import { leasesRepo } from './leases.ts';
import { migrate } from './migrations.ts';
import { documentsRepo, itemsRepo, syncRunsRepo } from './reads.ts';
import { calendarFeedsRepo, contactsRepo, remindersRepo, remindSettingsRepo } from './reminders.ts';
import { rollupsRepo } from './rollups.ts';
import { sessionsRepo } from './sessions.ts';
import { sourcesRepo } from './sources.ts';
import { syncStore } from './sync-session.ts';
import { reportsMadeRepo, talliesRepo } from './tallies.ts';
import type { StoreConfig, StoreCounts } from './types.ts';

export class SqlStore implements Store {
  readonly db: Db;
  readonly backend: Store['backend'];
  readonly regions: Store['regions'];
  readonly departments: Store['departments'];
  readonly clusters: Store['clusters'];
  readonly tokens: Store['tokens'];
  readonly sessions: Store['sessions'];
  readonly sources: Store['sources'];
  readonly documents: Store['documents'];
  readonly items: Store['items'];
  readonly syncRuns: Store['syncRuns'];
  readonly leases: Store['leases'];
  readonly syncs: Store['syncs'];
  readonly tallies: Store['tallies'];
  readonly rollups: Store['rollups'];
  readonly reportsMade: Store['reportsMade'];
  readonly contacts: Store['contacts'];
  readonly remindSettings: Store['remindSettings'];
  readonly reminders: Store['reminders'];
  readonly calendarFeeds: Store['calendarFeeds'];

  constructor(db: Db) {
    this.db = db;
    this.backend = db.backend;
    this.regions = regionsRepo(db);
    this.departments = departmentsRepo(db);
    this.clusters = clustersRepo(db);
    this.tokens = tokensRepo(db, this.clusters, this.departments);
    this.sessions = sessionsRepo(db);
    this.sources = sourcesRepo(db);
    this.documents = documentsRepo(db);
    this.items = itemsRepo(db);
    this.syncRuns = syncRunsRepo(db);
    this.leases = leasesRepo(db);
    this.syncs = syncStore(db);
    this.tallies = talliesRepo(db);
    this.rollups = rollupsRepo(db);
    this.reportsMade = reportsMadeRepo(db);
    this.contacts = contactsRepo(db);
    this.remindSettings = remindSettingsRepo(db);
    this.reminders = remindersRepo(db);
    this.calendarFeeds = calendarFeedsRepo(db);
  }

  get pgPool() {
    return this.db.pool;
  }

  ping(): Promise<void> {
    return this.db.ping();
  }

  async analyze(): Promise<void> {
    // Clusters too: without their statistics a region's clusters were guessed at 13 of 2,000 (0.5 %),
    // so a search in a large region walked its 100,000 items one by one instead of the word's index.
    if (this.backend === 'postgres')
      await this.db.run(
        'VACUUM (ANALYZE) items, item_events, item_dues, documents, sources, sync_runs, clusters',
      );
    else await this.db.run('PRAGMA optimize');
  }

  async counts(): Promise<StoreCounts> {
    const [r] = await this.db.all<Record<keyof StoreCounts, number | string>>(
      `SELECT (SELECT COUNT(*) FROM clusters) AS clusters, (SELECT COUNT(*) FROM sources) AS sources,
        (SELECT COUNT(*) FROM documents) AS documents, (SELECT COUNT(*) FROM items) AS items,
        (SELECT COUNT(*) FROM item_events) AS events, (SELECT COUNT(*) FROM sync_runs) AS "syncRuns"`,
    );
    return {
      clusters: Number(r.clusters),
      sources: Number(r.sources),
      documents: Number(r.documents),
      items: Number(r.items),
      events: Number(r.events),
      syncRuns: Number(r.syncRuns),
    };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

export async function openSqlStore(config: StoreConfig): Promise<SqlStore> {
  const db = openDb(config);
  if (config.alreadyMigrated) return new SqlStore(db);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return new SqlStore(db);
}
