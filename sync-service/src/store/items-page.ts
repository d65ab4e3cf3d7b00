// One page of a filtered items list, read the way its match set makes cheap. A few matches: the
// index finds them and they are sorted. Many: the page is read in list order and stops once
// filled — cluster by cluster (slug) in the document order, or along the effective-due index in
// the due order — so no page sorts the whole match set.
import type { Db, Param } from './db.ts';
import { ITEM_SELECT, type ItemRow } from './items-table.ts';
import { scopeConditions } from './scope.ts';
import type { ItemFilter } from './types.ts';

export const FROM_ITEMS =
  'FROM items i JOIN clusters c ON c.id = i.cluster_id JOIN documents d ON d.id = i.document_id';

export interface Where {
  sql: string;
  params: Param[];
}

/** Up to this many matches a page sorts them all; past it the page is read in order. */
const FEW = 2_000;

const DOCUMENT_ORDER = 'c.slug, i.document_id, i.sheet_row, i.id';
const ORDER: Record<NonNullable<ItemFilter['sort']>, string> = {
  document: DOCUMENT_ORDER,
  due: `CASE WHEN i.effective_due IS NULL THEN 1 ELSE 0 END, i.effective_due, ${DOCUMENT_ORDER}`,
  '-due': `CASE WHEN i.effective_due IS NULL THEN 1 ELSE 0 END, i.effective_due DESC, ${DOCUMENT_ORDER}`,
};

/** FROM for a count or probe: items alone unless the conditions name the document (plans). */
export const countFrom = (filter: ItemFilter): string => (filter.plans ? FROM_ITEMS : 'FROM items i');

interface Page {
  db: Db;
  filter: ItemFilter;
  where: Where;
  limit: number;
  offset: number;
}

function sorted(
  { db, filter, where, limit, offset }: Page,
  extra = '',
  order = ORDER[filter.sort ?? 'document'],
  from = FROM_ITEMS,
) {
  return db.all<ItemRow>(
    `SELECT ${ITEM_SELECT} ${from} WHERE ${where.sql}${extra} ORDER BY ${order} LIMIT ? OFFSET ?`,
    [...where.params, limit, offset],
  );
}

async function count(db: Db, filter: ItemFilter, where: Where, extra = '', cap?: number): Promise<number> {
  const inner = `SELECT 1 ${countFrom(filter)} WHERE ${where.sql}${extra}${cap ? ` LIMIT ${cap}` : ''}`;
  const [row] = await db.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM (${inner}) m`, where.params);
  return Number(row?.n ?? 0);
}

/** Document order read cluster by cluster (slug order), each cluster along its items' index. */
async function byClusters(page: Page): Promise<ItemRow[]> {
  const { db, filter, where } = page;
  const scope = scopeConditions({ clusterSlugs: filter.clusterSlugs, region: filter.region });
  if (!scope) return [];
  const clusters = await db.all<{ id: string }>(
    `SELECT c.id FROM clusters c${scope.where.length ? ` WHERE ${scope.where.join(' AND ')}` : ''} ORDER BY c.slug`,
    scope.params,
  );
  const out: ItemRow[] = [];
  let skip = page.offset;
  for (const { id } of clusters) {
    const inCluster: Where = { sql: `i.cluster_id = ? AND ${where.sql}`, params: [id, ...where.params] };
    if (skip > 0) {
      const n = await count(db, filter, inCluster);
      if (n <= skip) {
        skip -= n;
        continue;
      }
    }
    const rows = await db.all<ItemRow>(
      `SELECT ${ITEM_SELECT} ${FROM_ITEMS} WHERE ${inCluster.sql}
       ORDER BY i.document_id, i.sheet_row, i.id LIMIT ? OFFSET ?`,
      [...inCluster.params, page.limit - out.length, skip],
    );
    skip = 0;
    out.push(...rows);
    if (out.length >= page.limit) break;
  }
  return out;
}

/** Due order: the dated part along the effective-due index, then the undated in document order. */
async function byDue(page: Page, direction: 'ASC' | 'DESC'): Promise<ItemRow[]> {
  const dated = ' AND i.effective_due IS NOT NULL';
  // SQLite would rather take a state index and sort every match; the due index stops at the page.
  const from =
    page.db.backend === 'sqlite' ? FROM_ITEMS.replace('items i', 'items i INDEXED BY items_due') : FROM_ITEMS;
  const rows = await sorted(page, dated, `i.effective_due ${direction}, ${DOCUMENT_ORDER}`, from);
  if (rows.length >= page.limit) return rows;
  const before =
    rows.length > 0 ? page.offset + rows.length : await count(page.db, page.filter, page.where, dated);
  const rest = { ...page, limit: page.limit - rows.length, offset: Math.max(0, page.offset - before) };
  const undated: Where = { sql: `${page.where.sql} AND i.effective_due IS NULL`, params: page.where.params };
  return [...rows, ...(await inDocumentOrder({ ...rest, where: undated }))];
}

const few = (page: Page) => count(page.db, page.filter, page.where, '', FEW).then((n) => n < FEW);

async function inDocumentOrder(page: Page): Promise<ItemRow[]> {
  if (page.limit === 0) return [];
  return (await few(page)) ? sorted(page, '', DOCUMENT_ORDER) : byClusters(page);
}

export async function itemsPage(page: Page): Promise<ItemRow[]> {
  const sort = page.filter.sort ?? 'document';
  if (sort === 'document') return inDocumentOrder(page);
  if (page.limit === 0) return [];
  if (await few(page)) return sorted(page);
  return byDue(page, sort === 'due' ? 'ASC' : 'DESC');
}
