// The dashboard's list of items: any state (or all), searched and filtered, ordered and paged by the
// store in SQL (states judged there for the day, store/item-states.ts).
import { type ItemState, itemState } from '@cluster/shared';
import type { Principal, ReadableScope } from '../../app/access.ts';
import { readableClusters, readScope } from '../../app/read-scope.ts';
import type { AppServices } from '../../services.ts';
import type { ItemFilter, StoredItem } from '../../store/types.ts';
import type { ItemsPageQuery } from './schemas.ts';

export const PAGE_SIZE = 25;
/**
 * Matches counted exactly at most; past it the list says «more than 10 000». Counting a broad match
 * set (a quarter of a million items) through costs more than the page; nobody pages that far.
 */
export const LIST_COUNT = { cap: 10_000 };

export interface ItemsList {
  asOf: string;
  /** Each with its state on `asOf` by the domain's rule (the list was chosen in SQL). */
  items: (StoredItem & { stateOn: ItemState })[];
  /** Matches, exact up to the cap; past it the cap and `totalExact` false. */
  total: number;
  totalExact: boolean;
  page: number;
  /** Known when the total is exact; else the pages up to the cap (there are more). */
  pages: number;
  /** A next page exists. */
  more: boolean;
}

/** The scope narrowed to a region (the list's region filter); another region than the reader's own: nothing. */
function inRegion(scope: ReadableScope, region: string | undefined): ReadableScope {
  if (region === undefined) return scope;
  if (scope.region !== undefined && scope.region !== region) return { clusterSlugs: [] };
  return { ...scope, region };
}

const folded = (text: string) => text.toLocaleLowerCase('ru').replaceAll('ё', 'е');

/** The scope narrowed to the reader's clusters whose name holds `part` (any case, ё as е). */
async function named(
  services: AppServices,
  p: Principal,
  scope: ReadableScope,
  part: string | undefined,
): Promise<ReadableScope> {
  if (part === undefined) return scope;
  const wanted = folded(part);
  const slugs = (await readableClusters(services.store, p))
    .filter((c) => folded(c.name).includes(wanted))
    .map((c) => c.slug)
    .filter((slug) => !scope.clusterSlugs || scope.clusterSlugs.includes(slug));
  return { ...scope, clusterSlugs: slugs };
}

export async function itemsList(services: AppServices, p: Principal, q: ItemsPageQuery): Promise<ItemsList> {
  const asOf = q.asOf ?? services.today();
  const scope = await named(
    services,
    p,
    inRegion(await readScope(services, p, q.cluster), q.region),
    q.clusterName,
  );
  const filter: ItemFilter = {
    ...scope,
    ...(q.state ? { state: q.state } : {}),
    stateOn: { today: asOf, soonDays: services.config.soonDays },
    q: q.q,
    executor: q.executor,
    documentId: q.document,
    dueAfter: q.dueAfter,
    dueBefore: q.dueBefore,
    sort: q.sort ?? (q.state === 'overdue' ? 'due' : 'document'),
  };
  // One row more than the page says whether a next page exists without the total.
  const pageAt = (n: number) =>
    services.store.items.list({ ...filter, limit: PAGE_SIZE + 1, offset: (n - 1) * PAGE_SIZE });
  // The count and the page at once (PostgreSQL: two connections): the page waits for neither.
  let page = q.page ?? 1;
  let [counted, read] = await Promise.all([services.store.items.count(filter, LIST_COUNT.cap), pageAt(page)]);
  const totalExact = counted <= LIST_COUNT.cap;
  const total = Math.min(counted, LIST_COUNT.cap);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  // A page past the last of an exact total shows the last; past the cap one past the end is empty.
  if (totalExact && page > pages) {
    page = pages;
    read = await pageAt(page);
  }
  const items = read.slice(0, PAGE_SIZE);
  const soonDays = services.config.soonDays;
  return {
    asOf,
    items: items.map((i) => ({
      ...i,
      stateOn: itemState(i.deadline, i.mark, { today: asOf, soonDays, period: i.period }),
    })),
    total,
    totalExact,
    page,
    pages,
    more: read.length > PAGE_SIZE,
  };
}
