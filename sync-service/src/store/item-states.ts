// An item's state on a given day decided in SQL from its state basis, stored at write time by the
// domain's stateBasis (shared/src/state.ts): due_kind, due_on, first_due, first_start, due_list.
// None of them depends on the day, so the day is a parameter and indexes over them serve every state.
// The answer is the domain's itemState for that day (test/store/item-states.test.ts compares them).
import { addDays, type ItemState } from '@cluster/shared';
import type { Param } from './db.ts';

/** One of several dues in [?, ?] (item-dues.ts: an index range over all such dues). */
const DUE_IN_WINDOW = 'i.id IN (SELECT x.item_id FROM item_dues x WHERE x.due >= ? AND x.due <= ?)';

/** The SQL condition for one state on `today`, and its parameters. */
export function stateCondition(
  state: ItemState,
  today: string,
  soonDays: number,
): { sql: string; params: Param[] } {
  const soon = addDays(today, soonDays);
  const several = `i.due_list IS NOT NULL AND i.first_due <= ? AND i.due_on >= ? AND ${DUE_IN_WINDOW}`;
  switch (state) {
    case 'done':
    case 'unknown':
      return { sql: 'i.due_kind = ?', params: [state] };
    case 'ongoing':
      return {
        sql: "(i.due_kind = 'ongoing' OR (i.due_kind = 'recurring' AND i.due_on >= ?))",
        params: [today],
      };
    case 'overdue':
      // due_on is null for the kinds the day does not move.
      return { sql: 'i.due_on < ?', params: [today] };
    case 'due_soon':
      // The items whose due, or one of whose several dues, falls in the window: two index ranges
      // (only dated items have several dues), then each item by its key.
      return {
        sql: `i.due_kind = 'dated' AND i.id IN (SELECT j.id FROM items j
          WHERE j.due_kind = 'dated' AND j.due_on >= ? AND j.due_on <= ?
          UNION SELECT x.item_id FROM item_dues x WHERE x.due >= ? AND x.due <= ?)`,
        params: [today, soon, today, soon],
      };
    case 'in_progress':
      // due_on > soon follows from first_due > soon; said so that the due index can start there.
      return {
        sql: "i.due_kind = 'dated' AND i.due_on > ? AND i.first_due > ? AND i.first_start <= ?",
        params: [soon, soon, today],
      };
    case 'upcoming':
      return {
        sql: `i.due_kind = 'dated' AND i.due_on > ?
          AND (i.first_start IS NULL OR i.first_start > ? OR i.first_due <= ?) AND NOT (${several})`,
        params: [soon, today, soon, soon, today, today, soon],
      };
  }
}

/** States whose condition compares the item's due (a null due never matches): every match is dated. */
const DUE_COMPARED: ReadonlySet<ItemState> = new Set(['overdue', 'in_progress', 'upcoming']);

/** Whether every item the states match has a due (`due_on` not null). */
export function onlyDated(states: ItemState | readonly ItemState[] | undefined): boolean {
  if (states === undefined) return false;
  const all = typeof states === 'string' ? [states] : states;
  return all.length > 0 && all.every((s) => DUE_COMPARED.has(s));
}

/** Any of several states. */
export function statesCondition(
  states: readonly ItemState[],
  today: string,
  soonDays: number,
): { sql: string; params: Param[] } {
  const parts = states.map((s) => stateCondition(s, today, soonDays));
  if (parts.length === 1) return parts[0];
  return { sql: `(${parts.map((p) => `(${p.sql})`).join(' OR ')})`, params: parts.flatMap((p) => p.params) };
}
