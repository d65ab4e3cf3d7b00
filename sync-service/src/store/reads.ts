// Reads: documents, items (filtered, paged, streamed for reports), item history, sync runs.
import { DEFAULT_SOON_DAYS, type ItemState } from '@cluster/shared';
import type { Store } from './api.ts';
import { itemAsOf } from './as-of.ts';
import { type Db, marks, type Param } from './db.ts';
import { type StateSql, statesCondition } from './item-states.ts';
import { countItems, FROM_ITEMS, itemsPage, PAGING, underSettings, type Where } from './items-page.ts';
import { ITEM_SELECT, type ItemRow, storedItemOf } from './items-table.ts';
import { bumpClusters } from './rollup-write.ts';
import { type DocumentRow, documentOf, likePattern } from './rows.ts';
import { scopeConditions } from './scope.ts';
import { matchesAtLeast, searchCondition, searchNotLeading } from './search-words.ts';
import type {
  Backend,
  DeadlineMove,
  HistoryEvent,
  HistoryEventType,
  ItemFilter,
  MoveAtCreation,
  PlanFilter,
  ReportItem,
  StoredItem,
  SyncOrigin,
  SyncRun,
  TokenKind,
} from './types.ts';

function states(state: ItemFilter['state']): ItemState[] | null {
  if (state === undefined) return null;
  return Array.isArray(state) ? state : [state];
}

/** Items of current or of finished plans (see PlanFilter); the rule of `planFinished` in SQL. */
export function planCondition(plans: PlanFilter): Where {
  const current = '(d.period_start IS NULL OR d.period_end IS NULL OR d.period_end >= ?)';
  return { sql: plans.which === 'current' ? current : `NOT ${current}`, params: [plans.on] };
}

/** The day states are judged for: `asOf`'s, else `stateOn`'s (null: the stored state, as of the sync). */
function stateDay(filter: ItemFilter): { today: string; soonDays: number } | null {
  if (filter.asOf) return { today: filter.asOf.today, soonDays: filter.asOf.soonDays ?? DEFAULT_SOON_DAYS };
  return filter.stateOn ?? null;
}

/** Due bounds as of `asOf` are judged in JS (the due of several dues moves with the day). */
const dueJudged = (filter: ItemFilter): boolean => !!filter.asOf && !!(filter.dueBefore || filter.dueAfter);

/** WHERE for items; states on a day in SQL from the stored state basis (item-states.ts). */
function itemWhere(filter: ItemFilter, backend: Backend = 'sqlite'): Where | null {
  const scope = scopeConditions({ clusterSlugs: filter.clusterSlugs, region: filter.region });
  if (!scope) return null;
  const where: string[] = [];
  const params: Param[] = [];
  // Scope and archive as semi-joins on items' own columns: a count needs no join (only an index).
  if (scope.where.length) {
    where.push(`i.cluster_id IN (SELECT c.id FROM clusters c WHERE ${scope.where.join(' AND ')})`);
    params.push(...scope.params);
  }
  if (filter.sourceId !== undefined) {
    where.push('i.source_id = ?');
    params.push(filter.sourceId);
  }
  if (filter.removedOnly) where.unshift('i.removed = 1');
  else if (!filter.includeRemoved) where.unshift('i.removed = 0');
  if (!filter.includeArchived)
    where.push('i.document_id NOT IN (SELECT a.id FROM documents a WHERE a.archived_at IS NOT NULL)');
  if (filter.documentId !== undefined) {
    where.push('i.document_id = ?');
    params.push(filter.documentId);
  }
  if (filter.plans) {
    const plans = planCondition(filter.plans);
    where.push(plans.sql);
    params.push(...plans.params);
  }
  if (filter.executor) {
    where.push("i.executors_search LIKE ? ESCAPE '\\'");
    params.push(likePattern(filter.executor));
  }
  if (filter.q) {
    const search = searchCondition(filter.q, backend);
    if (!search) return null;
    where.push(search.sql);
    params.push(...search.params);
  }
  let state: (StateSql & { at: number; paramsAt: number }) | undefined;
  const wanted = states(filter.state);
  if (wanted) {
    if (wanted.length === 0) return null;
    const day = stateDay(filter);
    if (day) {
      const c = statesCondition(wanted, day.today, day.soonDays, backend);
      state = { at: where.length, paramsAt: params.length, ...c };
      where.push(c.sql);
      params.push(...c.params);
    } else {
      where.push(`i.state IN (${marks(wanted.length)})`);
      params.push(...wanted);
    }
  }
  if (!filter.asOf) {
    if (filter.dueBefore) {
      where.push('i.effective_due <= ?');
      params.push(filter.dueBefore);
    }
    if (filter.dueAfter) {
      where.push('i.effective_due >= ?');
      params.push(filter.dueAfter);
    }
  }
  // The state's disjoint parts, each with the other conditions: a count reads them one by one.
  const parts = state?.parts?.map((part) => {
    const sql = [...where];
    sql[state.at] = part.sql;
    const at = state.paramsAt;
    return {
      sql: sql.join(' AND '),
      params: [...params.slice(0, at), ...part.params, ...params.slice(at + state.params.length)],
    };
  });
  return { sql: where.length ? where.join(' AND ') : '1 = 1', params, ...(parts ? { parts } : {}) };
}

/**
 * A scope (clusters, a region) and a common word: the scope's index leads and each item is checked
 * against the word (search-words.ts searchNotLeading); else every match nationwide is read to keep
 * those of the scope. A rare word still leads (its few matches are cheaper than the scope).
 * PostgreSQL scans no table for it: for a large region (a tenth of the items) it took a scan of
 * items in table order stopped at the cap, as if the region's matches were spread evenly; a scan
 * starts where another is (synchronized scans), and one read most of the table (10 s at 1M).
 */
async function scopeLeads(db: Db, filter: ItemFilter, where: Where): Promise<Where> {
  if (!filter.q || !(filter.clusterSlugs || filter.region)) return where;
  if (!(await matchesAtLeast(db, filter.q, PAGING.few))) return where;
  return {
    sql: searchNotLeading(where.sql),
    params: where.params,
    settings: ['SET LOCAL enable_seqscan = off'],
  };
}

/** Applies `asOf` to items SQL chose: state and effective due for that day, then the due bounds. */
function judge<T extends StoredItem>(items: T[], filter: ItemFilter): T[] {
  const asOf = filter.asOf;
  if (!asOf) return items;
  const out: T[] = [];
  for (const stored of items) {
    const item = itemAsOf(stored, asOf.today, asOf.soonDays);
    if (filter.dueBefore && !(item.effectiveDue !== null && item.effectiveDue! <= filter.dueBefore)) continue;
    if (filter.dueAfter && !(item.effectiveDue !== null && item.effectiveDue! >= filter.dueAfter)) continue;
    out.push(item);
  }
  return out;
}

interface ReportRow extends ItemRow {
  cluster_name: string;
  region: string;
  industry: string | null;
  document_title: string;
  document_kind: string;
  deadline_moves: number | string;
}

const REPORT_SELECT = `${ITEM_SELECT}, c.name AS cluster_name, c.region, c.industry,
  d.title AS document_title, d.kind AS document_kind,
  (SELECT COUNT(*) FROM item_events e WHERE e.item_id = i.id AND e.type = 'deadline_moved') AS deadline_moves`;

function reportItemOf(r: ReportRow): ReportItem {
  return {
    ...storedItemOf(r),
    clusterName: r.cluster_name,
    region: r.region,
    industry: r.industry,
    documentTitle: r.document_title,
    documentKind: r.document_kind as ReportItem['documentKind'],
    deadlineMoves: Number(r.deadline_moves),
  };
}

/**
 * One page of a keyset walk. On PostgreSQL sorts (full and incremental) are ruled out, so the walk
 * follows the index even when fresh rows have not been analysed yet (the planner would then sort the
 * whole cluster, or with only the full sort ruled out a whole document, per page).
 */
export const PG_PAGE_SETTINGS = ['SET LOCAL enable_sort = off', 'SET LOCAL enable_incremental_sort = off'];

/**
 * A page of moves (events or items in id order joined to their context): materialising is ruled out
 * too, so each row's item is looked up by key (on stale statistics the planner materialised the whole
 * cluster and rescanned it for every event of the page).
 */
export const PG_MOVES_PAGE_SETTINGS = [...PG_PAGE_SETTINGS, 'SET LOCAL enable_material = off'];

function readPage<T>(db: Db, sql: string, params: Param[], settings = PG_PAGE_SETTINGS): Promise<T[]> {
  return underSettings(db, settings, (tx) => tx.all<T>(sql, params));
}

/**
 * Pages of items in report order: cluster by cluster (region, slug), then by keyset over the index
 * (cluster_id, document_id, sheet_row, id), so each page costs the same however far in it is.
 */
async function* itemPages(db: Db, filter: ItemFilter, batchSize: number): AsyncGenerator<ReportRow[]> {
  const where = itemWhere(filter, db.backend);
  if (!where) return;
  const clusterWhere: string[] = [];
  const clusterParams: Param[] = [];
  if (filter.clusterSlugs) {
    clusterWhere.push(`slug IN (${marks(filter.clusterSlugs.length)})`);
    clusterParams.push(...filter.clusterSlugs);
  }
  if (filter.region !== undefined) {
    clusterWhere.push('region = ?');
    clusterParams.push(filter.region);
  }
  const clusters = await db.all<{ id: string }>(
    `SELECT id FROM clusters${clusterWhere.length ? ` WHERE ${clusterWhere.join(' AND ')}` : ''} ORDER BY region, slug`,
    clusterParams,
  );
  const size = Math.max(1, Math.floor(batchSize));
  for (const cluster of clusters) {
    let after: Param[] | null = null;
    for (;;) {
      const keyset = after ? ' AND (i.document_id, i.sheet_row, i.id) > (?, ?, ?)' : '';
      const rows: ReportRow[] = await readPage<ReportRow>(
        db,
        `SELECT ${REPORT_SELECT} ${FROM_ITEMS} WHERE i.cluster_id = ? AND ${where.sql}${keyset}
         ORDER BY i.cluster_id, i.document_id, i.sheet_row, i.id LIMIT ?`,
        [cluster.id, ...where.params, ...(after ?? []), size],
      );
      if (rows.length > 0) yield rows;
      if (rows.length < size) break;
      const last = rows[rows.length - 1];
      after = [last.document_id, Number(last.sheet_row), last.id];
    }
  }
}

interface EventRow {
  id: number | string;
  item_id: string;
  sync_id: string | null;
  at: string;
  type: HistoryEventType;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
}

const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

interface SyncRunRow {
  id: string;
  cluster_id: string;
  cluster_slug: string;
  source_id: string;
  document_id: string;
  actor: string;
  revision: string | null;
  started_at: string;
  finished_at: string;
  outcome: 'changed' | 'unchanged';
  created: number;
  changed: number;
  removed: number;
  restored: number;
  unchanged: number;
  deadlines_moved: number;
  rows_written: number;
}

const syncRunOf = (r: SyncRunRow): SyncRun => ({
  id: r.id,
  clusterId: r.cluster_id,
  clusterSlug: r.cluster_slug,
  sourceId: r.source_id,
  documentId: r.document_id,
  actor: r.actor,
  revision: r.revision,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  outcome: r.outcome,
  created: Number(r.created),
  changed: Number(r.changed),
  removed: Number(r.removed),
  restored: Number(r.restored),
  unchanged: Number(r.unchanged),
  deadlinesMoved: Number(r.deadlines_moved),
  rowsWritten: Number(r.rows_written),
});

// item_count is stored, recounted by each sync of the source (sync-write.ts). The columns a record
// has, not d.*: meta (the table's layout, half a row) read for 6,000 documents and dropped was as
// much decoding and garbage as the list itself, on the event loop.
const DOCUMENT_SELECT = `SELECT d.id, d.source_id, d.cluster_id, d.ordinal, d.title, d.kind, d.period_start,
  d.period_end, d.removed, d.item_count, d.created_at, d.updated_at, d.archived_at, c.slug AS cluster_slug,
  (SELECT MAX(r.finished_at) FROM sync_runs r WHERE r.source_id = d.source_id) AS last_sync_at
  FROM documents d JOIN clusters c ON c.id = d.cluster_id`;

const ARCHIVED = { exclude: 'd.archived_at IS NULL', include: null, only: 'd.archived_at IS NOT NULL' };

export function documentsRepo(db: Db): Store['documents'] {
  return {
    async list(filter = {}) {
      const scope = scopeConditions(filter, 'd.source_id');
      if (!scope) return [];
      const { where, params } = scope;
      if (!filter.includeRemoved) where.unshift('d.removed = 0');
      const archived = ARCHIVED[filter.archived ?? 'exclude'];
      if (archived) where.push(archived);
      const rows = await db.allInParts<DocumentRow>(
        `${DOCUMENT_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
         ORDER BY c.slug, d.source_id, d.ordinal`,
        params,
      );
      return rows.map(documentOf);
    },
    async getById(id) {
      const [row] = await db.all<DocumentRow>(`${DOCUMENT_SELECT} WHERE d.id = ?`, [id]);
      return row ? documentOf(row) : null;
    },
    async titles(ids) {
      const out = new Map<string, string>();
      const unique = [...new Set(ids)];
      for (let i = 0; i < unique.length; i += 500) {
        const chunk = unique.slice(i, i + 500);
        const rows = await db.all<{ id: string; title: string }>(
          `SELECT id, title FROM documents WHERE id IN (${marks(chunk.length)})`,
          chunk,
        );
        for (const r of rows) out.set(r.id, r.title);
      }
      return out;
    },
    async setArchived(id, archived) {
      const at = archived ? new Date().toISOString() : null;
      return db.transaction(async (tx) => {
        const changed = await tx.run(
          `UPDATE documents SET archived_at = ? WHERE id = ? AND archived_at IS ${archived ? 'NULL' : 'NOT NULL'}`,
          [at, id],
        );
        if (changed > 0)
          await bumpClusters(tx, 'id IN (SELECT cluster_id FROM documents WHERE id = ?)', [id]);
        return changed > 0;
      });
    },
  };
}

export function itemsRepo(db: Db): Store['items'] {
  return {
    async list(filter = {}) {
      const limit = Math.max(0, Math.floor(filter.limit ?? 1000));
      const offset = Math.max(0, Math.floor(filter.offset ?? 0));
      if (dueJudged(filter)) {
        // Due bounds as of another day are judged in JS: walk the pages until the window is filled.
        const out: StoredItem[] = [];
        let skipped = 0;
        for await (const page of itemPages(db, filter, 1000)) {
          for (const item of judge(page.map(storedItemOf), filter)) {
            if (skipped < offset) skipped++;
            else if (out.length < limit) out.push(item);
            else return out;
          }
        }
        return out;
      }
      const where = itemWhere(filter, db.backend);
      if (!where) return [];
      const rows = await itemsPage({ db, filter, where: await scopeLeads(db, filter, where), limit, offset });
      return judge(rows.map(storedItemOf), filter);
    },

    async count(filter = {}, cap) {
      if (dueJudged(filter))
        throw new Error('items.count: due bounds as of asOf are judged in JS; use stateOn');
      const where = itemWhere(filter, db.backend);
      if (!where) return 0;
      return countItems(
        db,
        filter,
        await scopeLeads(db, filter, where),
        cap === undefined ? undefined : cap + 1,
      );
    },

    async get(id) {
      const [row] = await db.all<ItemRow>(`SELECT ${ITEM_SELECT}, i.cells ${FROM_ITEMS} WHERE i.id = ?`, [
        id,
      ]);
      return row ? storedItemOf(row) : null;
    },

    async history(id) {
      const [item] = await db.all<{ created_at: string; created_sync_id: string | null }>(
        'SELECT created_at, created_sync_id FROM items WHERE id = ?',
        [id],
      );
      if (!item) return [];
      const rows = await db.all<EventRow>('SELECT * FROM item_events WHERE item_id = ? ORDER BY id', [id]);
      const syncIds = [
        ...new Set([item.created_sync_id, ...rows.map((r) => r.sync_id)].filter((x): x is string => !!x)),
      ];
      const via = await syncOrigins(db, syncIds);
      // The item row records its own creation; no separate event row is written for it.
      const created: HistoryEvent = {
        id: `${id}:created`,
        itemId: id,
        at: item.created_at,
        syncId: item.created_sync_id,
        type: 'created',
        field: null,
        old: null,
        new: null,
        via: (item.created_sync_id && via.get(item.created_sync_id)) || null,
      };
      const reminders = await db.all<{
        step: string;
        channel: string;
        recipient_label: string;
        status: string;
        error: string | null;
        attempts: number | string;
        message_id: string;
        at: string;
      }>(
        `SELECT ri.step, m.channel, m.recipient_label, m.status, m.error, m.attempts, m.id AS message_id,
           COALESCE(m.delivered_at, m.updated_at) AS at
         FROM reminder_items ri JOIN reminder_messages m ON m.id = ri.message_id WHERE ri.item_id = ?`,
        [id],
      );
      const reminded = reminders.map(
        (r): HistoryEvent => ({
          id: `${r.message_id}:${r.step}`,
          itemId: id,
          at: r.at,
          syncId: null,
          type: 'reminder',
          field: r.step,
          old: null,
          via: null,
          new: {
            channel: r.channel,
            to: r.recipient_label,
            status: r.status,
            error: r.error,
            attempts: Number(r.attempts),
          },
        }),
      );
      const synced = [
        created,
        ...rows.map(
          (r): HistoryEvent => ({
            id: String(r.id),
            itemId: r.item_id,
            at: r.at,
            syncId: r.sync_id,
            type: r.type,
            field: r.field,
            old: parseJson(r.old_value),
            new: parseJson(r.new_value),
            via: (r.sync_id && via.get(r.sync_id)) || null,
          }),
        ),
      ];
      if (reminded.length === 0) return synced;
      // Sync events keep their order; reminders go in by time.
      return [...synced, ...reminded].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    },

    async *iterate(filter = {}, batchSize = 1000) {
      for await (const page of itemPages(db, filter, batchSize)) {
        const items = judge(page.map(reportItemOf), filter);
        if (items.length) yield items;
      }
    },

    async *iterateDeadlineMoves(filter = {}, batchSize = 1000) {
      const conditions = moveConditions(filter);
      if (!conditions) return;
      const { where, params } = conditions;
      where.unshift("e.type = 'deadline_moved'");
      if (filter.since) {
        where.push('e.at >= ?');
        params.push(filter.since);
      }
      if (filter.until) {
        where.push('e.at <= ?');
        params.push(filter.until);
      }
      const size = Math.max(1, Math.floor(batchSize));
      let after = -1;
      for (;;) {
        const rows = await readPage<EventRow & MoveContextRow>(
          db,
          `SELECT e.*, ${MOVE_CONTEXT}
           FROM item_events e JOIN items i ON i.id = e.item_id ${MOVE_JOINS}
           WHERE ${where.join(' AND ')} AND e.id > ? ORDER BY e.id LIMIT ?`,
          [...params, after, size],
          PG_MOVES_PAGE_SETTINGS,
        );
        if (rows.length === 0) return;
        yield rows.map(
          (r): DeadlineMove => ({
            ...moveContextOf(r),
            eventId: String(r.id),
            at: r.at,
            syncId: r.sync_id,
            oldDue: parseJson(r.old_value) as string | null,
            newDue: parseJson(r.new_value) as string | null,
          }),
        );
        if (rows.length < size) return;
        after = Number(rows[rows.length - 1].id);
      }
    },

    async *iterateMovesAtCreation(filter = {}, batchSize = 1000) {
      const conditions = moveConditions(filter);
      if (!conditions) return;
      const { where, params } = conditions;
      // Only an item whose mark postponed it, now or before a later sync changed the mark, can have one.
      where.unshift(`(i.mark_status = 'postponed' OR EXISTS (SELECT 1 FROM item_events f
        WHERE f.item_id = i.id AND f.type = 'changed' AND f.field = 'mark'))`);
      if (filter.until) {
        where.push('i.created_at <= ?');
        params.push(filter.until);
      }
      const first = (field: string) =>
        `(SELECT f.old_value FROM item_events f WHERE f.item_id = i.id AND f.type = 'changed'
          AND f.field = '${field}' ORDER BY f.id LIMIT 1)`;
      const size = Math.max(1, Math.floor(batchSize));
      let after = '';
      for (;;) {
        const rows = await readPage<
          MoveContextRow & {
            created_at: string;
            deadline: string;
            mark: string;
            first_deadline: string | null;
            first_mark: string | null;
          }
        >(
          db,
          `SELECT i.created_at, i.deadline, i.mark, ${first('deadline')} AS first_deadline,
             ${first('mark')} AS first_mark, ${MOVE_CONTEXT}
           FROM items i ${MOVE_JOINS}
           WHERE ${where.join(' AND ')} AND i.id > ? ORDER BY i.id LIMIT ?`,
          [...params, after, size],
          PG_MOVES_PAGE_SETTINGS,
        );
        if (rows.length === 0) return;
        yield rows.map(
          (r): MoveAtCreation => ({
            ...moveContextOf(r),
            at: r.created_at,
            deadline: JSON.parse(r.first_deadline ?? r.deadline) as MoveAtCreation['deadline'],
            mark: JSON.parse(r.first_mark ?? r.mark) as MoveAtCreation['mark'],
          }),
        );
        if (rows.length < size) return;
        after = rows[rows.length - 1].item_id;
      }
    },
  };
}

/** Where each sync came from: its source (sheet or file) and the token (or 'cli', 'pull'…) that sent it. */
async function syncOrigins(db: Db, ids: string[]): Promise<Map<string, SyncOrigin>> {
  const out = new Map<string, SyncOrigin>();
  if (ids.length === 0) return out;
  const rows = await db.all<{
    id: string;
    actor: string;
    kind: 'sheet' | 'file';
    file_name: string | null;
    sheet_name: string | null;
    title: string | null;
    token_id: string | null;
    token_kind: TokenKind | null;
  }>(
    // A token's syncs record their actor as 'token:<id>'.
    `SELECT r.id, r.actor, s.kind, s.file_name, s.sheet_name, s.title, t.id AS token_id, t.kind AS token_kind
     FROM sync_runs r JOIN sources s ON s.id = r.source_id LEFT JOIN tokens t ON r.actor = 'token:' || t.id
     WHERE r.id IN (${marks(ids.length)})`,
    ids,
  );
  for (const r of rows) {
    const name =
      r.kind === 'file'
        ? (r.file_name ?? '')
        : [r.title, r.sheet_name].filter((x): x is string => !!x).join(' / ');
    out.set(r.id, {
      source: { kind: r.kind, name },
      actor: r.actor,
      tokenId: r.token_id,
      tokenKind: r.token_kind,
    });
  }
  return out;
}

/** What every move read shares: scope, tombstones, plans. Null when nothing can match. */
function moveConditions(filter: MoveFilter): (Where & { where: string[] }) | null {
  const scope = scopeConditions({ clusterSlugs: filter.clusterSlugs, region: filter.region });
  if (!scope) return null;
  const { where, params } = scope;
  if (!filter.includeRemoved) where.push('i.removed = 0');
  if (!filter.includeArchived) where.push('d.archived_at IS NULL');
  if (filter.plans) {
    const plans = planCondition(filter.plans);
    where.push(plans.sql);
    params.push(...plans.params);
  }
  return { sql: '', where, params };
}

type MoveFilter = Pick<
  ItemFilter,
  'clusterSlugs' | 'region' | 'includeRemoved' | 'includeArchived' | 'plans'
>;

interface MoveContextRow {
  item_id: string;
  number: string;
  title: string;
  executors: string;
  removed: number;
  cluster_slug: string;
  cluster_name: string;
  region: string;
  document_title: string;
  period_start: string | null;
  period_end: string | null;
  moves: number | string;
}

const MOVE_CONTEXT = `i.id AS item_id, i.number, i.title, i.executors, i.removed, c.slug AS cluster_slug,
  c.name AS cluster_name, c.region, d.title AS document_title, d.period_start, d.period_end,
  (SELECT COUNT(*) FROM item_events m WHERE m.item_id = i.id AND m.type = 'deadline_moved') AS moves`;

const MOVE_JOINS = 'JOIN clusters c ON c.id = i.cluster_id JOIN documents d ON d.id = i.document_id';

function moveContextOf(r: MoveContextRow) {
  return {
    itemId: r.item_id,
    movesOfItem: Number(r.moves),
    number: r.number,
    title: r.title,
    executors: JSON.parse(r.executors) as string[],
    itemRemoved: Number(r.removed) === 1,
    clusterSlug: r.cluster_slug,
    clusterName: r.cluster_name,
    region: r.region,
    documentTitle: r.document_title,
    documentPeriod: r.period_start && r.period_end ? { start: r.period_start, end: r.period_end } : null,
  };
}

export function syncRunsRepo(db: Db): Store['syncRuns'] {
  const SELECT = 'SELECT r.*, c.slug AS cluster_slug FROM sync_runs r JOIN clusters c ON c.id = r.cluster_id';
  return {
    async list(filter = {}) {
      const scope = scopeConditions(filter, 'r.source_id');
      if (!scope) return [];
      const { where, params } = scope;
      const rows = await db.all<SyncRunRow>(
        `${SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
         ORDER BY r.finished_at DESC, r.id DESC LIMIT ?`,
        [...params, Math.max(0, Math.floor(filter.limit ?? 100))],
      );
      return rows.map(syncRunOf);
    },
    async getById(id) {
      const [row] = await db.all<SyncRunRow>(`${SELECT} WHERE r.id = ?`, [id]);
      return row ? syncRunOf(row) : null;
    },
    async lastByCluster(filter = {}) {
      const scope = scopeConditions(filter);
      if (!scope) return new Map();
      const { where, params } = scope;
      const rows = await db.all<{ slug: string; at: string }>(
        `SELECT c.slug, MAX(r.finished_at) AS at FROM sync_runs r JOIN clusters c ON c.id = r.cluster_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY c.slug`,
        params,
      );
      return new Map(rows.map((r) => [r.slug, r.at]));
    },
  };
}
