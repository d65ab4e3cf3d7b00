// Rollups kept at write time: what each item adds to the counts of any day, summed per document
// (item_rollups). An item's state is a function of the day made of a few spans (shared
// stateTimeline); done items add their completion (on time / late) whatever the day. Counts on a
// day are then sums over the spans that hold it (rollups.ts), without reading items. Every writer
// of items keeps them in its transaction: a sync subtracts its items before and adds them after.
import {
  addDays,
  completionOf,
  type Deadline,
  dayNumber,
  executorDisplay,
  executorKey,
  type Mark,
  organisationOf,
  plannedDue,
  stateTimeline,
  tallyKeyOf,
} from '@cluster/shared';
import { marks, type Param, type Sql, valuesList } from './db.ts';
import type { ItemWrite } from './items-table.ts';

/** `from_day` of a span that holds since always, `until_day` of one that holds for ever. */
export const ALWAYS = '0000-01-01';
export const NEVER = '9999-12-31';

/**
 * The dimensions a row counts for: the item itself (states and the cluster's КИД), each of its
 * executors, the organisation its table names, or (for an organisation the contacts name, which
 * may change without a sync) its executors' keys, mapped when read.
 */
export type RollupDim = 'item' | 'executor' | 'organisation' | 'executors';

export interface RollupRow {
  documentId: string;
  dim: RollupDim;
  /** Executor or organisation key; executors' keys joined by EXECUTORS_SEP; '' for the item. */
  who: string;
  label: string;
  /** A tally key the day does not move, or 'open' (judged by `due` and `start` against the day). */
  tally: string;
  /** 'on_time' or 'late' for a done item that counts for КИД; '' otherwise. */
  timeliness: string;
  fromDay: string;
  untilDay: string;
  due: string;
  start: string;
  n: number;
  /** Late: days late summed; open: due day numbers summed (days overdue = n × day − this). */
  days: number;
}

export const EXECUTORS_SEP = '\u0001';

/**
 * One span of a group's counts, as kept packed in its row (item_rollups.spans, JSON): tally key or
 * 'open', timeliness, from, until, due, start, how many items, days (see RollupRow).
 */
export type SpanEntry = [string, string, string, string, string, string, number, number];

const entryKey = (e: SpanEntry | RollupRow) =>
  Array.isArray(e)
    ? e.slice(0, 6).join('\u0000')
    : [e.tally, e.timeliness, e.fromDay, e.untilDay, e.due, e.start].join('\u0000');

/** What an item's rollup rows are made of, as read from the store. */
export interface RollupItem {
  documentId: string;
  deadline: Deadline;
  mark: Mark;
  executors: string[];
  extra: Record<string, string> | null;
  period: { start: string; end: string } | null;
  /** The latest due any move set (see reports/move-scan.ts), for «в срок». */
  movedDue: string | null;
}

type Rows = Map<string, RollupRow>;

function put(rows: Rows, row: Omit<RollupRow, 'n' | 'days'>, n: number, days: number): void {
  const key = [
    row.documentId,
    row.dim,
    row.who,
    row.tally,
    row.timeliness,
    row.fromDay,
    row.untilDay,
    row.due,
    row.start,
  ].join('\u0000');
  const had = rows.get(key);
  if (had) {
    had.n += n;
    had.days += days;
  } else rows.set(key, { ...row, n, days });
}

/** Adds what one item counts for (`sign` -1 takes it away). */
export function addItem(rows: Rows, item: RollupItem, sign: 1 | -1): void {
  const { timeliness, daysLate } = completionOf(
    { deadline: item.deadline, mark: item.mark, document: { period: item.period } },
    item.movedDue,
  );
  const counted = timeliness === 'on_time' || timeliness === 'late' ? timeliness : '';
  const executors = new Map<string, string>();
  for (const raw of item.executors) {
    const key = executorKey(raw);
    if (key && !executors.has(key)) executors.set(key, executorDisplay(raw));
  }
  const organisation = organisationOf(item.extra);
  for (const span of stateTimeline(item.deadline, item.mark, item.period)) {
    const open = !('state' in span.basis);
    const base = {
      documentId: item.documentId,
      fromDay: span.from ?? ALWAYS,
      untilDay: span.until ?? NEVER,
      tally: 'state' in span.basis ? tallyKeyOf(span.basis.state, item.deadline) : 'open',
      timeliness: counted,
      due: 'state' in span.basis ? '' : span.basis.due,
    };
    const days = 'state' in span.basis ? (counted === 'late' ? daysLate : 0) : dayNumber(span.basis.due);
    const start = 'state' in span.basis ? '' : (span.basis.start ?? '');
    put(rows, { ...base, dim: 'item', who: '', label: '', start }, sign, sign * days);
    // Executors and organisations count only for КИД: done on time or late, or overdue — an open
    // span only from the day after its due (a span of one of several dues may end before then).
    if (!open && !counted) continue;
    const overdueFrom = open ? addDays(base.due, 1) : ALWAYS;
    if (overdueFrom >= base.untilDay) continue;
    const whose = { ...base, fromDay: overdueFrom > base.fromDay ? overdueFrom : base.fromDay, start: '' };
    for (const [key, label] of executors)
      put(rows, { ...whose, dim: 'executor', who: key, label }, sign, sign * days);
    if (organisation) {
      const o = {
        dim: 'organisation' as const,
        who: executorKey(organisation),
        label: executorDisplay(organisation),
      };
      put(rows, { ...whose, ...o }, sign, sign * days);
    } else if (executors.size > 0) {
      const who = [...executors.keys()].join(EXECUTORS_SEP);
      put(rows, { ...whose, dim: 'executors', who, label: '' }, sign, sign * days);
    }
  }
}

/**
 * Moves the stamp of the clusters `where` names (over `clusters`): their remembered sums
 * (rollups.ts) are read afresh. Every writer of rollups, archive marks or contacts calls it.
 */
export async function bumpClusters(sql: Sql, where: string, params: readonly Param[]): Promise<void> {
  await sql.run(`UPDATE clusters SET rollup_stamp = rollup_stamp + 1 WHERE ${where}`, params);
}

/** As bumpClusters, for the clusters of these documents. */
async function bumpDocuments(sql: Sql, documentIds: readonly string[]): Promise<void> {
  for (let i = 0; i < documentIds.length; i += 500) {
    const chunk = documentIds.slice(i, i + 500);
    await bumpClusters(
      sql,
      `id IN (SELECT cluster_id FROM documents WHERE id IN (${marks(chunk.length)}))`,
      chunk,
    );
  }
}

const groupKey = (documentId: string, dim: string, who: string) => `${documentId}\u0000${dim}\u0000${who}`;

/**
 * Adds the rows' counts to item_rollups (negative ones take away). A row there is one group — a
 * document's items, or one executor's or organisation's in it — with its spans packed: reading a
 * day's counts then reads one row per group, however many spans it has.
 */
export async function applyRollups(sql: Sql, maxParams: number, rows: Rows): Promise<void> {
  const groups = new Map<
    string,
    { documentId: string; dim: RollupDim; who: string; label: string; deltas: RollupRow[] }
  >();
  for (const r of rows.values()) {
    if (r.n === 0) continue;
    const key = groupKey(r.documentId, r.dim, r.who);
    const group = groups.get(key) ?? {
      documentId: r.documentId,
      dim: r.dim,
      who: r.who,
      label: r.label,
      deltas: [],
    };
    groups.set(key, group);
    group.deltas.push(r);
  }
  if (groups.size === 0) return;
  const documents = [...new Set([...groups.values()].map((g) => g.documentId))];
  await bumpDocuments(sql, documents);
  const stored = new Map<string, { label: string; spans: string }>();
  for (let i = 0; i < documents.length; i += 500) {
    const chunk = documents.slice(i, i + 500);
    const had = await sql.all<{
      document_id: string;
      dim: string;
      who: string;
      label: string;
      spans: string;
    }>(
      `SELECT document_id, dim, who, label, spans FROM item_rollups WHERE document_id IN (${marks(chunk.length)})`,
      chunk,
    );
    for (const h of had) {
      const key = groupKey(h.document_id, h.dim, h.who);
      if (groups.has(key)) stored.set(key, h);
    }
  }
  const writes: Param[][] = [];
  for (const [key, g] of groups) {
    const had = stored.get(key);
    const entries = new Map<string, SpanEntry>();
    for (const e of had ? (JSON.parse(had.spans) as SpanEntry[]) : []) entries.set(entryKey(e), e);
    for (const d of g.deltas) {
      const k = entryKey(d);
      const e = entries.get(k) ?? [d.tally, d.timeliness, d.fromDay, d.untilDay, d.due, d.start, 0, 0];
      e[6] += d.n;
      e[7] += d.days;
      if (e[6] === 0) entries.delete(k);
      else entries.set(k, e);
    }
    if (entries.size === 0) {
      if (had)
        await sql.run('DELETE FROM item_rollups WHERE document_id = ? AND dim = ? AND who = ?', [
          g.documentId,
          g.dim,
          g.who,
        ]);
      continue;
    }
    const list = [...entries.values()];
    const items = list.reduce((n, e) => (e[2] === ALWAYS ? n + e[6] : n), 0);
    writes.push([g.documentId, g.dim, g.who, had?.label ?? g.label, items, JSON.stringify(list)]);
  }
  const per = Math.max(1, Math.min(500, Math.floor(maxParams / 6)));
  for (let i = 0; i < writes.length; i += per) {
    const chunk = writes.slice(i, i + per);
    await sql.run(
      `INSERT INTO item_rollups (document_id, dim, who, label, items, spans) VALUES ${valuesList(chunk.length, 6)}
       ON CONFLICT (document_id, dim, who) DO UPDATE SET items = excluded.items, spans = excluded.spans`,
      chunk.flat(),
    );
  }
}

interface SourceRow {
  id: string;
  document_id: string;
  deadline: string;
  mark: string;
  executors: string;
  extra: string | null;
  period_start: string | null;
  period_end: string | null;
}

interface EventRow {
  item_id: string;
  type: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
}

/** The due a row's mark moved it to when first synced (no sync saw that move), or null. */
function creationMove(deadline: Deadline, mark: Mark): string | null {
  const to = plannedDue(deadline, mark);
  return deadline.due !== null && to !== null && deadline.due !== to ? to : null;
}

/**
 * The latest due any move set, per item: the moves its syncs saw (deadline_moved) and the one its
 * row carried when first synced — the same moves the report reads (store-source.ts `moves`).
 */
function movedDues(rows: readonly SourceRow[], events: readonly EventRow[]): Map<string, string> {
  const byItem = new Map<string, EventRow[]>();
  for (const e of events) {
    const list = byItem.get(e.item_id);
    if (list) list.push(e);
    else byItem.set(e.item_id, [e]);
  }
  const out = new Map<string, string>();
  for (const r of rows) {
    const list = byItem.get(r.id) ?? [];
    const first = (field: string) => list.find((e) => e.type === 'changed' && e.field === field)?.old_value;
    const deadline = JSON.parse(first('deadline') ?? r.deadline) as Deadline;
    const mark = JSON.parse(first('mark') ?? r.mark) as Mark;
    const dues: string[] = [];
    const carried = creationMove(deadline, mark);
    if (carried) dues.push(carried);
    for (const e of list) {
      const due =
        e.type === 'deadline_moved' && e.new_value ? (JSON.parse(e.new_value) as string | null) : null;
      if (due) dues.push(due);
    }
    if (dues.length)
      out.set(
        r.id,
        dues.reduce((a, b) => (b > a ? b : a)),
      );
  }
  return out;
}

/** Current items matching `where` (over `items i`), with what their rows count for. */
export async function rollupItems(sql: Sql, where: string, params: readonly Param[]): Promise<RollupItem[]> {
  const rows = await sql.all<SourceRow>(
    `SELECT i.id, i.document_id, i.deadline, i.mark, i.executors, i.extra, d.period_start, d.period_end
     FROM items i JOIN documents d ON d.id = i.document_id WHERE i.removed = 0 AND ${where}`,
    params,
  );
  if (rows.length === 0) return [];
  const events: EventRow[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    events.push(
      ...(await sql.all<EventRow>(
        `SELECT item_id, type, field, old_value, new_value FROM item_events
         WHERE item_id IN (${marks(ids.length)})
           AND (type = 'deadline_moved' OR (type = 'changed' AND field IN ('deadline', 'mark')))
         ORDER BY item_id, id`,
        ids,
      )),
    );
  }
  const moved = movedDues(rows, events);
  return rows.map((r) => ({
    documentId: r.document_id,
    deadline: JSON.parse(r.deadline) as Deadline,
    mark: JSON.parse(r.mark) as Mark,
    executors: JSON.parse(r.executors) as string[],
    extra: r.extra ? (JSON.parse(r.extra) as Record<string, string>) : null,
    period: r.period_start && r.period_end ? { start: r.period_start, end: r.period_end } : null,
    movedDue: moved.get(r.id) ?? null,
  }));
}

/** The rows of the current items among `ids`, signed. */
export async function rollupsOfItems(
  sql: Sql,
  ids: readonly string[],
  sign: 1 | -1,
  into: Rows = new Map(),
): Promise<Rows> {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const item of await rollupItems(sql, `i.id IN (${marks(chunk.length)})`, chunk))
      addItem(into, item, sign);
  }
  return into;
}

/** Counts the documents' items afresh (a plan period changed; the rollups were first made). */
export async function rebuildRollups(
  sql: Sql,
  maxParams: number,
  documentIds: readonly string[],
): Promise<void> {
  await bumpDocuments(sql, documentIds);
  for (const id of documentIds) {
    await sql.run('DELETE FROM item_rollups WHERE document_id = ?', [id]);
    const rows: Rows = new Map();
    // Pages by id: a document of 200,000 items is never read at once.
    let after = '';
    for (;;) {
      const page = await sql.all<{ id: string }>(
        'SELECT id FROM items WHERE document_id = ? AND removed = 0 AND id > ? ORDER BY id LIMIT 2000',
        [id, after],
      );
      if (page.length === 0) break;
      await rollupsOfItems(
        sql,
        page.map((p) => p.id),
        1,
        rows,
      );
      after = page[page.length - 1].id;
    }
    await applyRollups(sql, maxParams, rows);
  }
}

/**
 * The rows of items a sync inserts, from the items as written (no read back): a new item has no
 * history yet, its only move is the one its row carries. `periods` gives each document's plan period.
 */
export async function rollupsOfInserts(
  sql: Sql,
  writes: readonly ItemWrite[],
  periods: ReadonlyMap<string, { start: string; end: string } | null>,
  into: Rows,
): Promise<void> {
  const missing = [...new Set(writes.map((w) => w.place.documentId))].filter((id) => !periods.has(id));
  const known = new Map(periods);
  for (let i = 0; i < missing.length; i += 500) {
    const chunk = missing.slice(i, i + 500);
    const rows = await sql.all<{ id: string; period_start: string | null; period_end: string | null }>(
      `SELECT id, period_start, period_end FROM documents WHERE id IN (${marks(chunk.length)})`,
      chunk,
    );
    for (const r of rows)
      known.set(r.id, r.period_start && r.period_end ? { start: r.period_start, end: r.period_end } : null);
  }
  for (const { item, place } of writes) {
    addItem(
      into,
      {
        documentId: place.documentId,
        deadline: item.deadline,
        mark: item.mark,
        executors: item.executors,
        extra: item.extra && Object.keys(item.extra).length > 0 ? item.extra : null,
        period: known.get(place.documentId) ?? null,
        movedDue: creationMove(item.deadline, item.mark),
      },
      1,
    );
  }
}
