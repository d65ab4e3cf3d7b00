// Versioned schema, applied at open. One DDL text serves both backends; only the auto-increment
// key differs. Timestamps are ISO text, JSON is text, flags are 0/1 integers (same in both).

import { backfillSearchWords, backfillStateBasis } from './backfill.ts';
import type { Db, Tx } from './db.ts';
import { backfillItemDues, ITEM_DUES_SCHEMA } from './item-dues.ts';
import { ITEM_FIELD_COLUMNS } from './items-table.ts';
import { rebuildRollups } from './rollup-write.ts';
import { SEARCH_INDEX, SEARCH_VECTOR } from './search-words.ts';
import type { Backend } from './types.ts';

interface Migration {
  version: number;
  name: string;
  statements: string[];
  /** Work plain DDL cannot say (runs after the statements). */
  apply?(tx: Tx, backend: Backend): Promise<void>;
}

/**
 * SQLite holds a NUL in text; PostgreSQL refuses it. Stores written before the text rule
 * (shared/xml-text.ts) lose their NULs, so they can move to PostgreSQL. (PostgreSQL never held one.)
 */
async function dropNuls(tx: Tx, backend: Backend): Promise<void> {
  if (backend !== 'sqlite') return;
  const tables = await tx.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  for (const { name } of tables) {
    const columns = await tx.all<{ name: string; type: string }>(
      'SELECT name, type FROM pragma_table_info(?)',
      [name],
    );
    for (const c of columns.filter((col) => /TEXT/i.test(col.type))) {
      // SQLite's replace() sees char(0) as an empty pattern: the rows are cleaned here instead.
      const rows = await tx.all<{ id: number; text: string }>(
        `SELECT rowid AS id, "${c.name}" AS text FROM "${name}" WHERE instr(CAST("${c.name}" AS BLOB), x'00') > 0`,
      );
      for (const row of rows)
        await tx.run(`UPDATE "${name}" SET "${c.name}" = ? WHERE rowid = ?`, [
          row.text.replaceAll('\0', ''),
          row.id,
        ]);
    }
  }
}

const SERIAL = { sqlite: 'INTEGER PRIMARY KEY', postgres: 'BIGSERIAL PRIMARY KEY' } as const;

const BLOCKS: Migration[] = [
  {
    version: 1,
    name: 'canonical model',
    statements: [
      `CREATE TABLE regions (name TEXT PRIMARY KEY, created_at TEXT NOT NULL)`,
      `CREATE TABLE departments (
        id TEXT PRIMARY KEY, slug TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
        region TEXT NOT NULL REFERENCES regions(name), created_at TEXT NOT NULL)`,
      `CREATE TABLE clusters (
        id TEXT PRIMARY KEY, slug TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
        region TEXT NOT NULL REFERENCES regions(name), industry TEXT, created_at TEXT NOT NULL)`,
      `CREATE INDEX clusters_region ON clusters (region)`,
      `CREATE TABLE tokens (
        id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('cluster', 'department', 'admin')),
        cluster_id TEXT REFERENCES clusters(id), department_id TEXT REFERENCES departments(id),
        created_at TEXT NOT NULL, revoked_at TEXT)`,
      `CREATE TABLE sources (
        id TEXT PRIMARY KEY, cluster_id TEXT NOT NULL REFERENCES clusters(id),
        kind TEXT NOT NULL CHECK (kind IN ('sheet', 'file')),
        source_key TEXT NOT NULL, spreadsheet_id TEXT, sheet_id INTEGER, sheet_name TEXT, file_name TEXT,
        title TEXT, created_at TEXT NOT NULL, UNIQUE (cluster_id, source_key))`,
      `CREATE TABLE documents (
        id TEXT PRIMARY KEY, source_id TEXT NOT NULL REFERENCES sources(id),
        cluster_id TEXT NOT NULL REFERENCES clusters(id), ordinal INTEGER NOT NULL,
        title TEXT NOT NULL, kind TEXT NOT NULL, period_start TEXT, period_end TEXT, meta TEXT NOT NULL,
        removed INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        UNIQUE (source_id, ordinal))`,
      `CREATE TABLE sync_runs (
        id TEXT PRIMARY KEY, cluster_id TEXT NOT NULL REFERENCES clusters(id),
        source_id TEXT NOT NULL REFERENCES sources(id), document_id TEXT NOT NULL REFERENCES documents(id),
        actor TEXT NOT NULL, revision TEXT, started_at TEXT NOT NULL, finished_at TEXT NOT NULL,
        outcome TEXT NOT NULL, created INTEGER NOT NULL, changed INTEGER NOT NULL, removed INTEGER NOT NULL,
        restored INTEGER NOT NULL, unchanged INTEGER NOT NULL, deadlines_moved INTEGER NOT NULL,
        rows_written INTEGER NOT NULL)`,
      `CREATE INDEX sync_runs_source ON sync_runs (source_id, finished_at)`,
      `CREATE INDEX sync_runs_cluster ON sync_runs (cluster_id, finished_at)`,
      `CREATE TABLE items (
        id TEXT PRIMARY KEY, cluster_id TEXT NOT NULL REFERENCES clusters(id),
        source_id TEXT NOT NULL REFERENCES sources(id), document_id TEXT NOT NULL REFERENCES documents(id),
        sheet_row INTEGER NOT NULL, number TEXT NOT NULL, task TEXT NOT NULL, title TEXT NOT NULL,
        executors TEXT NOT NULL, deadline TEXT NOT NULL, deadline_kind TEXT NOT NULL,
        start_date TEXT, due_date TEXT, effective_due TEXT, result TEXT NOT NULL,
        mark TEXT NOT NULL, mark_status TEXT NOT NULL, state TEXT NOT NULL, problems TEXT NOT NULL,
        extra TEXT, cells TEXT NOT NULL, search TEXT NOT NULL, executors_search TEXT NOT NULL,
        hash TEXT NOT NULL, removed INTEGER NOT NULL DEFAULT 0, removed_at TEXT,
        created_at TEXT NOT NULL, created_sync_id TEXT, updated_at TEXT NOT NULL, updated_sync_id TEXT)`,
      `CREATE INDEX items_source ON items (source_id)`,
      `CREATE INDEX items_place ON items (cluster_id, document_id, sheet_row)`,
      `CREATE INDEX items_due ON items (effective_due)`,
      `CREATE TABLE item_events (
        id {{serial}}, item_id TEXT NOT NULL REFERENCES items(id), sync_id TEXT REFERENCES sync_runs(id),
        at TEXT NOT NULL, type TEXT NOT NULL, field TEXT, old_value TEXT, new_value TEXT)`,
      `CREATE INDEX item_events_item ON item_events (item_id, id)`,
      `CREATE INDEX item_events_type ON item_events (type, item_id)`,
      `CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL)`,
    ],
  },
  {
    version: 2,
    name: 'source content version and last snapshot key',
    statements: [
      // Bumped by every sync that writes; with the key it lets an identical resync skip reading.
      `ALTER TABLE sources ADD COLUMN content_version INTEGER NOT NULL DEFAULT 0`,
      `ALTER TABLE sources ADD COLUMN last_snapshot_key TEXT`,
    ],
  },
  {
    version: 3,
    name: 'items in report order',
    statements: [
      // Report streams page by (cluster, document, row, id): the index makes every page cheap.
      `DROP INDEX items_place`,
      `CREATE INDEX items_order ON items (cluster_id, document_id, sheet_row, id)`,
    ],
  },
  // 50–59: officials (tallies kept at sync time, reports made, department settings).
  {
    version: 50,
    name: 'daily tallies per cluster and state; reports made',
    statements: [
      // Rewritten by every sync that writes, for the sync's day: a trend reads these, never history.
      `CREATE TABLE cluster_tallies (
        cluster_id TEXT NOT NULL REFERENCES clusters(id), day TEXT NOT NULL, state TEXT NOT NULL,
        items INTEGER NOT NULL, PRIMARY KEY (cluster_id, day, state))`,
      // «Change since the previous report»: which day each scope was last reported on.
      `CREATE TABLE reports_made (
        id {{serial}}, scope TEXT NOT NULL, as_of TEXT NOT NULL, made_at TEXT NOT NULL)`,
      `CREATE INDEX reports_made_scope ON reports_made (scope, as_of)`,
    ],
  },
  {
    version: 51,
    name: 'department settings: addressee and signature',
    statements: [
      `ALTER TABLE departments ADD COLUMN addressee TEXT`,
      `ALTER TABLE departments ADD COLUMN signer_title TEXT`,
      `ALTER TABLE departments ADD COLUMN signer_name TEXT`,
    ],
  },
  {
    version: 52,
    name: 'daily КИД counts per cluster',
    statements: [
      // The cluster's КИД counts as of the day of a sync that wrote (beside cluster_tallies): a
      // report's КИД on an earlier day cannot be judged from today's marks, which hold whatever the day.
      `CREATE TABLE cluster_kid_tallies (
        cluster_id TEXT NOT NULL REFERENCES clusters(id), day TEXT NOT NULL, on_time INTEGER NOT NULL,
        late INTEGER NOT NULL, overdue INTEGER NOT NULL, days_late INTEGER NOT NULL,
        PRIMARY KEY (cluster_id, day))`,
    ],
  },
  // 60–69: states, counts and search decided by indexes.
  {
    version: 60,
    name: 'state basis of items: states on any day decided in SQL',
    // stateBasis (shared/src/state.ts) at write time: none of it depends on the day asked.
    statements: ['due_kind', 'due_on', 'first_due', 'first_start', 'due_list'].map(
      (column) => `ALTER TABLE items ADD COLUMN ${column} TEXT`,
    ),
    async apply(tx) {
      await backfillStateBasis(tx);
      // Each state's condition reads only these columns: a count is an index-only scan.
      // Also the due order: by due, then cluster, document and row, as this index reads.
      await tx.run(
        'CREATE INDEX items_due_on ON items (due_on, cluster_id, document_id, sheet_row, due_kind, removed)',
      );
      await tx.run(`CREATE INDEX items_state ON items
        (due_kind, first_due, due_on, first_start, due_list, removed, cluster_id, document_id)`);
      // Items with several dues, few: a due in the soon window is looked for only among them.
      await tx.run('CREATE INDEX items_several_dues ON items (first_due, due_on) WHERE due_list IS NOT NULL');
      // The same within a few clusters (a region, a department, one cluster).
      await tx.run(`CREATE INDEX items_cluster_state ON items
        (cluster_id, due_kind, first_due, due_on, first_start, due_list, removed, document_id)`);
    },
  },
  {
    version: 61,
    name: 'item count per document',
    statements: [
      // Recounted by each sync of the document's source in its transaction (sync-write.ts).
      `ALTER TABLE documents ADD COLUMN item_count INTEGER NOT NULL DEFAULT 0`,
      `CREATE INDEX items_document ON items (document_id, removed)`,
      `UPDATE documents SET item_count = (SELECT COUNT(*) FROM items i WHERE i.document_id = documents.id AND i.removed = 0)`,
    ],
  },
  {
    version: 62,
    name: 'text search over stemmed words',
    statements: [`ALTER TABLE items ADD COLUMN search_words TEXT`],
    async apply(tx, backend) {
      await backfillSearchWords(tx);
      for (const statement of SEARCH_INDEX[backend]) await tx.run(statement);
    },
  },
  {
    version: 63,
    name: 'the several dues of items, one row each',
    statements: ITEM_DUES_SCHEMA,
    // Two columns a row, 500 rows a statement: within either backend's parameter limit.
    apply: (tx) => backfillItemDues(tx, 1_000),
  },
  {
    version: 10,
    name: 'no NUL in text (SQLite stores written before the text rule)',
    statements: [],
    apply: dropNuls,
  },
  {
    version: 11,
    name: 'token expiry and last use',
    statements: [
      `ALTER TABLE tokens ADD COLUMN expires_at TEXT`,
      `ALTER TABLE tokens ADD COLUMN last_used_at TEXT`,
    ],
  },
  {
    version: 12,
    name: 'dashboard sessions',
    statements: [
      // The cookie's random id is never stored, only its sha256.
      `CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY, token_id TEXT NOT NULL REFERENCES tokens(id),
        created_at TEXT NOT NULL, last_seen_at TEXT NOT NULL)`,
      `CREATE INDEX sessions_token ON sessions (token_id)`,
    ],
  },
  {
    version: 13,
    name: 'rate limits',
    statements: [],
    // Counters of rate-limiter-flexible (http/throttle.ts), shared by every process on PostgreSQL;
    // SQLite keeps them in memory. Columns as the library expects them.
    async apply(tx, backend) {
      if (backend !== 'postgres') return;
      await tx.run(
        'CREATE TABLE rate_limits (key VARCHAR(255) PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire BIGINT)',
      );
    },
  },
  {
    version: 20,
    name: 'archived documents',
    statements: [
      // An archived document leaves current lists, counts and reports; its items and history stay.
      `ALTER TABLE documents ADD COLUMN archived_at TEXT`,
    ],
  },
  {
    version: 40,
    name: 'contacts, reminders and calendar feeds',
    statements: [
      // The reminder ladder of a cluster: null columns mean the defaults (7 and 1 days, escalation after 7).
      `ALTER TABLE clusters ADD COLUMN coordinator_email TEXT`,
      `ALTER TABLE clusters ADD COLUMN remind_days TEXT`,
      `ALTER TABLE clusters ADD COLUMN escalate_after_days INTEGER`,
      `ALTER TABLE departments ADD COLUMN email TEXT`,
      `CREATE TABLE contacts (
        id TEXT PRIMARY KEY, cluster_id TEXT NOT NULL REFERENCES clusters(id),
        executor TEXT NOT NULL, executor_key TEXT NOT NULL, organisation TEXT,
        email TEXT, max_chat TEXT, vkteams_chat TEXT, locale TEXT NOT NULL DEFAULT 'ru',
        unsubscribe_secret TEXT NOT NULL UNIQUE, unsubscribed_at TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (cluster_id, executor_key))`,
      `CREATE TABLE reminder_messages (
        id TEXT PRIMARY KEY, run_date TEXT NOT NULL, cluster_id TEXT REFERENCES clusters(id),
        recipient TEXT NOT NULL, recipient_label TEXT NOT NULL, channel TEXT NOT NULL, address TEXT NOT NULL,
        subject TEXT NOT NULL, body TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL,
        error TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, delivered_at TEXT)`,
      `CREATE INDEX reminder_messages_status ON reminder_messages (status, updated_at)`,
      `CREATE INDEX reminder_messages_cluster ON reminder_messages (cluster_id, created_at)`,
      // One row per item, recipient, channel and step: the key that makes a reminder go out once.
      `CREATE TABLE reminder_items (
        item_id TEXT NOT NULL REFERENCES items(id), recipient TEXT NOT NULL, channel TEXT NOT NULL,
        step TEXT NOT NULL, message_id TEXT NOT NULL REFERENCES reminder_messages(id),
        PRIMARY KEY (item_id, recipient, channel, step))`,
      `CREATE INDEX reminder_items_message ON reminder_items (message_id)`,
      `CREATE TABLE remind_runs (
        run_date TEXT PRIMARY KEY, holder TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT)`,
      `CREATE TABLE calendar_feeds (
        id TEXT PRIMARY KEY, cluster_id TEXT NOT NULL REFERENCES clusters(id), executor TEXT,
        secret_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT)`,
    ],
  },
  {
    version: 70,
    name: 'item rollups: counts of any day by document, kept at write time',
    statements: [
      // One row per document and group (its items, an executor's, an organisation's), the spans of
      // the day packed in it (rollup-write.ts): counts without reading items.
      `CREATE TABLE item_rollups (
        document_id TEXT NOT NULL REFERENCES documents(id), dim TEXT NOT NULL, who TEXT NOT NULL,
        label TEXT NOT NULL, items BIGINT NOT NULL, spans TEXT NOT NULL,
        PRIMARY KEY (document_id, dim, who))`,
    ],
    async apply(tx) {
      const documents = await tx.all<{ id: string }>('SELECT id FROM documents ORDER BY id');
      await rebuildRollups(
        tx,
        30_000,
        documents.map((d) => d.id),
      );
    },
  },
  {
    version: 71,
    name: 'removed rows by time',
    // The dashboard pages the rows gone from their sheets, newest first: few next to the items.
    statements: ['CREATE INDEX items_removed ON items (removed_at, id) WHERE removed = 1'],
  },
  {
    version: 72,
    name: 'cluster rollup stamp',
    // Moved by every writer of what a cluster's rollup sums read (rollup-write.ts bumpClusters).
    statements: ['ALTER TABLE clusters ADD COLUMN rollup_stamp BIGINT NOT NULL DEFAULT 0'],
  },
  // 80–84: the overview at national scale.
  {
    version: 80,
    name: 'removed rows by cluster, documents by cluster',
    statements: [
      // Rows gone from their sheets, a region's or all, counted (the document says whether it is
      // archived) and paged without reading the items.
      'CREATE INDEX items_removed_cluster ON items (cluster_id, removed_at, document_id) WHERE removed = 1',
      // The documents of the clusters on a page of the overview.
      'CREATE INDEX documents_cluster ON documents (cluster_id)',
    ],
  },
  {
    version: 81,
    name: 'archived documents',
    // Every list leaves out the items of archived documents (`NOT IN` their ids): read from this
    // index (few or none) instead of scanning every document for each query.
    statements: ['CREATE INDEX documents_archived_ids ON documents (id) WHERE archived_at IS NOT NULL'],
  },
  // 95–99: list pages whatever their match set.
  {
    version: 95,
    name: 'stored search vector (PostgreSQL)',
    statements: [],
    async apply(tx, backend) {
      for (const statement of SEARCH_VECTOR[backend]) await tx.run(statement);
    },
  },
];

// Each line of work appends its own block of versions; they are applied (and listed) in version order.
export const MIGRATIONS: readonly Migration[] = [...BLOCKS].sort((a, b) => a.version - b.version);

/** Applies what is missing, under a lock so that two processes starting together migrate once. */
export async function migrate(db: Db): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.lock('cluster-sync:migrations');
    await tx.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const done = new Set(
      (await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) =>
        Number(r.version),
      ),
    );
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      for (const statement of m.statements) await tx.run(statement.replace('{{serial}}', SERIAL[db.backend]));
      await m.apply?.(tx, db.backend);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
      applied.push(m.version);
    }
    await addDescribedColumns(tx, db.backend);
    return applied;
  });
}

/**
 * Columns a table descriptor names that the table lacks (items-table.ts ITEM_FIELDS) are added:
 * nullable, so the rows already there simply have none yet.
 */
async function addDescribedColumns(tx: Tx, backend: Db['backend']): Promise<void> {
  const tables = [...new Set(ITEM_FIELD_COLUMNS.map((c) => c.table))];
  for (const table of tables) {
    const have = new Set(
      (
        await tx.all<{ name: string }>(
          backend === 'sqlite'
            ? 'SELECT name FROM pragma_table_info(?)'
            : 'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?',
          [table],
        )
      ).map((r) => r.name),
    );
    for (const c of ITEM_FIELD_COLUMNS) {
      if (c.table === table && !have.has(c.column))
        await tx.run(`ALTER TABLE ${table} ADD COLUMN ${c.column} ${c.sql}`);
    }
  }
}
