// The dashboard's list of items: any state (or all), searched and filtered, ordered and paged by the
// store in SQL (states judged there for the day, store/item-states.ts).
import { type ItemState, itemState } from '@cluster/shared';
import type { Principal } from '../../app/access.ts';
import { readScope } from '../../app/read-scope.ts';
import type { AppServices } from '../../services.ts';
import type { ItemFilter, StoredItem } from '../../store/types.ts';
import type { ItemsPageQuery } from './schemas.ts';

export const PAGE_SIZE = 25;

export interface ItemsList {
  asOf: string;
  /** Each with its state on `asOf` by the domain's rule (the list was chosen in SQL). */
  items: (StoredItem & { stateOn: ItemState })[];
  total: number;
  page: number;
  pages: number;
}

export async function itemsList(services: AppServices, p: Principal, q: ItemsPageQuery): Promise<ItemsList> {
  const asOf = q.asOf ?? services.today();
  const scope = await readScope(services, p, q.cluster);
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
  const total = await services.store.items.count(filter);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(q.page ?? 1, pages);
  const items = await services.store.items.list({
    ...filter,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const soonDays = services.config.soonDays;
  return {
    asOf,
    items: items.map((i) => ({
      ...i,
      stateOn: itemState(i.deadline, i.mark, { today: asOf, soonDays, period: i.period }),
    })),
    total,
    page,
    pages,
  };
}
