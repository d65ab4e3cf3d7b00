// State and effective due of a stored item for a given day (the stored ones are as of its last sync).
import { DEFAULT_SOON_DAYS, effectiveDue, itemState } from '@cluster/shared';
import type { StoredItem } from './types.ts';

export function itemAsOf<T extends StoredItem>(item: T, today: string, soonDays = DEFAULT_SOON_DAYS): T {
  return {
    ...item,
    state: itemState(item.deadline, item.mark, { today, soonDays, period: item.period }),
    effectiveDue: effectiveDue(item.deadline, item.mark, today),
  };
}
