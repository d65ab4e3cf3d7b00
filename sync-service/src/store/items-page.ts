// One page of a filtered items list, read the way its match set makes cheap. A few matches: the
// index finds them and they are sorted. Many: the page is read in list order and stops once
// filled — cluster by cluster (slug) in the document order, or along the due index in the due
// order — so no page sorts the whole match set.
import type { Db, Param, Sql } from './db.ts';
import { onlyDated } from './item-states.ts';
import { ITEM_SELECT, type ItemRow } from './items-table.ts';
import { scopeConditions } from './scope.ts';
import { searchNotLeading } from './search-words.ts';
import type { ItemFilter } from './types.ts';

export const FROM_ITEMS =
  'FROM items i JOIN clusters c ON c.id = i.cluster_id JOIN documents d ON d.id = i.document_id';

export interface Where {
  sql: string;
  params: Param[];
  /** Disjoint conditions whose union is `sql`, each read along its own index by a count (item-states.ts). */
  parts?: { sql: string; params: Param[] }[];
  /** PostgreSQL settings its count and sorted page run under (SET LOCAL, in a transaction). */
  settings?: readonly string[];
}

/** `read` under PostgreSQL settings (SET LOCAL, in a transaction); straight on SQLite or with none. */
export function underSettings<T>(
  db: Db,
  settings: readonly string[],
  read: (sql: Sql) => Promise<T>,
): Promise<T> {
  if (db.backend !== 'postgres' || settings.length === 0) return read(db);
  return db.transaction(async (tx) => {
    for (const setting of settings) await tx.run(setting);
    return read(tx);
  });
}

const under = <T>(db: Db, where: Where, read: (sql: Sql) => Promise<T>) =>
  underSettings(db, where.settings ?? [], read);

/** Up to `few` matches a page sorts them all; past it the page is read in order. */
export const PAGING = { few: 2_000 };

/**
 * How a list is ordered: the clusters (by slug for the document's order; by id among equal dues,
 * so that the due index gives that order too), then document, row and id, in one direction.
 */
interface Order {
  cluster: 'c.slug' | 'i.cluster_id';
  direction: 'ASC' | 'DESC';
}

const within = (o: Order) =>
  ['i.document_id', 'i.sheet_row', 'i.id'].map((c) => `${c} ${o.direction}`).join(', ');
const placeOrder = (o: Order) => `${o.cluster} ${o.direction}, ${within(o)}`;
type Sort = Exclude<NonNullable<ItemFilter['sort']>, 'removed'>;

const ORDERS: Record<Sort, Order> = {
  document: { cluster: 'c.slug', direction: 'ASC' },
  due: { cluster: 'i.cluster_id', direction: 'ASC' },
  '-due': { cluster: 'i.cluster_id', direction: 'DESC' },
};

/** ORDER BY of a sort: by due (none last), then by place. */
function orderBy(sort: Sort): string {
  const o = ORDERS[sort];
  if (sort === 'document') return placeOrder(o);
  return `CASE WHEN i.due_on IS NULL THEN 1 ELSE 0 END, i.due_on ${o.direction}, ${placeOrder(o)}`;
}

/** FROM for a count or probe: items alone unless the conditions name the document (plans). */
function countFrom(db: Db, filter: ItemFilter): string {
  if (filter.plans) return FROM_ITEMS;
  // Rows gone from their sheets: their partial index holds what the count reads (cluster,
  // document); SQLite would rather walk the removed_at one and read every row.
  if (filter.removedOnly && db.backend === 'sqlite') return 'FROM items i INDEXED BY items_removed_cluster';
  return 'FROM items i';
}

interface Page {
  db: Db;
  filter: ItemFilter;
  where: Where;
  limit: number;
  offset: number;
}

function sorted({ db, where, limit, offset }: Page, order: string, extra = '', from = FROM_ITEMS, sql?: Sql) {
  const read = (s: Sql) =>
    s.all<ItemRow>(
      `SELECT ${ITEM_SELECT} ${from} WHERE ${where.sql}${extra} ORDER BY ${order} LIMIT ? OFFSET ?`,
      [...where.params, limit, offset],
    );
  return sql ? read(sql) : under(db, where, read);
}

/** Matches of `where`, at most `cap` of them: a capped count stops reading there. */
export async function countItems(db: Db, filter: ItemFilter, where: Where, cap?: number): Promise<number> {
  const limit = cap === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(cap))}`;
  const parts = where.parts ?? [where];
  const inner = parts.map((p) => `SELECT 1 ${countFrom(db, filter)} WHERE ${p.sql}`).join(' UNION ALL ');
  const [row] = await under(db, where, (sql) =>
    sql.all<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM (${inner}${limit}) m`,
      parts.flatMap((p) => p.params),
    ),
  );
  return Number(row?.n ?? 0);
}

/** Place order read cluster by cluster, each cluster along its items' index. */
async function byClusters(page: Page, order: Order): Promise<ItemRow[]> {
  const { db, filter, where } = page;
  const scope = scopeConditions({ clusterSlugs: filter.clusterSlugs, region: filter.region });
  if (!scope) return [];
  const clusters = await db.all<{ id: string }>(
    `SELECT c.id FROM clusters c${scope.where.length ? ` WHERE ${scope.where.join(' AND ')}` : ''}
     ORDER BY ${order.cluster === 'c.slug' ? 'c.slug' : 'c.id'} ${order.direction}`,
    scope.params,
  );
  const out: ItemRow[] = [];
  let skip = page.offset;
  for (const { id } of clusters) {
    const inCluster: Where = {
      sql: `i.cluster_id = ? AND ${searchNotLeading(where.sql)}`,
      params: [id, ...where.params],
    };
    if (skip > 0) {
      const n = await countItems(db, filter, inCluster);
      if (n <= skip) {
        skip -= n;
        continue;
      }
    }
    const rows = await db.all<ItemRow>(
      `SELECT ${ITEM_SELECT} ${FROM_ITEMS} WHERE ${inCluster.sql}
       ORDER BY ${within(order)} LIMIT ? OFFSET ?`,
      [...inCluster.params, page.limit - out.length, skip],
    );
    skip = 0;
    out.push(...rows);
    if (out.length >= page.limit) break;
  }
  return out;
}

/**
 * Due order: the items with a due along the due index, then those without by place. `many`: the
 * matches are known to be many and all dated (the dated part needs no probe of its own).
 */
async function byDue(page: Page, order: Order, many = false): Promise<ItemRow[]> {
  const { params, settings } = page.where;
  const dated: Where = { sql: `${page.where.sql} AND i.due_on IS NOT NULL`, params, settings };
  const rows = await alongDue({ ...page, where: dated }, order, many);
  if (rows.length >= page.limit) return rows;
  const before = rows.length > 0 ? page.offset + rows.length : await countItems(page.db, page.filter, dated);
  const rest = { ...page, limit: page.limit - rows.length, offset: Math.max(0, page.offset - before) };
  const undated: Where = { sql: `${page.where.sql} AND i.due_on IS NULL`, params, settings };
  return [...rows, ...(await byPlace({ ...rest, where: undated }, order))];
}

/** Items with a due, in due order: along the due index when they are many. */
async function alongDue(page: Page, order: Order, many: boolean): Promise<ItemRow[]> {
  const by = `i.due_on ${order.direction}, ${placeOrder(order)}`;
  if (!many && (await few(page))) return sortedFew(page, by);
  // Either planner would rather take a state index and sort every match; the due index stops at
  // the page (PostgreSQL still sorts the ids of an equal due, row, document and cluster).
  if (page.db.backend === 'sqlite')
    return sorted(page, by, '', FROM_ITEMS.replace('items i', 'items i INDEXED BY items_due_on'));
  return page.db.transaction(async (tx) => {
    for (const setting of ['SET LOCAL enable_sort = off', ...(page.where.settings ?? [])])
      await tx.run(setting);
    return sorted(page, by, '', FROM_ITEMS, tx);
  });
}

/**
 * A few matches sorted whole. PostgreSQL without incremental sort: with it the planner walked the
 * clusters in slug order and looked through the materialised matches again for each (202 clusters ×
 * 1,003 matches of a rare word at 1M items: 30 ms against 12 for a hash join and a sort).
 */
function sortedFew(page: Page, order: string) {
  const settings = [...(page.where.settings ?? []), 'SET LOCAL enable_incremental_sort = off'];
  return sorted({ ...page, where: { ...page.where, settings } }, order);
}

const few = (page: Page) =>
  countItems(page.db, page.filter, page.where, PAGING.few).then((n) => n < PAGING.few);

async function byPlace(page: Page, order: Order): Promise<ItemRow[]> {
  if (page.limit === 0) return [];
  return (await few(page)) ? sortedFew(page, placeOrder(order)) : byClusters(page, order);
}

export async function itemsPage(page: Page): Promise<ItemRow[]> {
  const sort = page.filter.sort ?? 'document';
  // Rows gone from their sheets, newest first: few, along their own index (items_removed).
  if (sort === 'removed')
    return sorted(page, `i.removed_at DESC, ${within({ cluster: 'c.slug', direction: 'DESC' })}`);
  if (sort === 'document') return byPlace(page, ORDERS.document);
  if (page.limit === 0) return [];
  const known = page.filter.matches;
  if (known === undefined ? await few(page) : known < PAGING.few) return sortedFew(page, orderBy(sort));
  // Overdue items (the overview's list) all have a due: the probe just made holds for them.
  return byDue(page, ORDERS[sort], onlyDated(page.filter.state));
}
