// An item's state on a given day decided in SQL from its state basis, stored at write time by the
// domain's stateBasis (shared/src/state.ts): due_kind, due_on, first_due, first_start, due_list.
// None of them depends on the day, so the day is a parameter and indexes over them serve every state.
// The answer is the domain's itemState for that day (test/store/item-states.test.ts compares them).
import { addDays, type ItemState } from '@cluster/shared';
import type { Param } from './db.ts';
import type { Backend } from './types.ts';

/** One of several dues in [?, ?] (item-dues.ts: an index range over all such dues). */
const DUE_IN_WINDOW = 'i.id IN (SELECT x.item_id FROM item_dues x WHERE x.due >= ? AND x.due <= ?)';

export interface StateSql {
  sql: string;
  params: Param[];
  /**
   * Disjoint conditions whose union is `sql`, each a range of its own index: a count reads them one
   * after the other (UNION ALL) and stops at its cap, where `sql` (an OR) makes PostgreSQL build
   * both bitmaps and read the rows (a capped count of the due-soon items: 0.3–0.6 s at 1M).
   */
  parts?: { sql: string; params: Param[] }[];
}

/** Disjoint parts: the condition is their OR. */
function anyOf(parts: { sql: string; params: Param[] }[]): StateSql {
  return {
    sql: `(${parts.map((p) => `(${p.sql})`).join(' OR ')})`,
    params: parts.flatMap((p) => p.params),
    parts,
  };
}

/** The SQL condition for one state on `today`, and its parameters. */
export function stateCondition(
  state: ItemState,
  today: string,
  soonDays: number,
  backend: Backend = 'sqlite',
): StateSql {
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
      // The due in the window (an index range), or, for an item of several dues (dated, its last
      // due past the window and its first within it), one of them in it: a look-up by the item's
      // key in item_dues. Per item, not a set of the nation's matches: a page of one cluster reads
      // only that cluster's items (such a set, built per query, cost a second at 1M on PostgreSQL).
      // Both planners read the two ranges (the due index, items_several_dues): SQLite's multi-index
      // OR once `+` keeps it from leading with the kind's index (every dated item), PostgreSQL's
      // BitmapOr once the kind is not said of the second (items_state would lead it).
      return anyOf([
        {
          sql: `${backend === 'sqlite' ? '+' : ''}i.due_kind = 'dated' AND i.due_on >= ? AND i.due_on <= ?`,
          params: [today, soon],
        },
        {
          sql: `i.due_list IS NOT NULL AND i.due_on > ? AND i.first_due <= ?
            AND EXISTS (SELECT 1 FROM item_dues x WHERE x.item_id = i.id AND x.due >= ? AND x.due <= ?)`,
          params: [soon, soon, today, soon],
        },
      ]);
    case 'in_progress':
      // due_on > soon follows from first_due > soon; said so that the due index can start there.
      return {
        sql: "i.due_kind = 'dated' AND i.due_on > ? AND i.first_due > ? AND i.first_start <= ?",
        params: [soon, soon, today],
      };
    case 'upcoming': {
      // Split where the first due decides (a dated item without several dues has its first due as
      // its last): past the window, along the state index from there; within it, among the items
      // of several dues (their index), none of those dues in the window. As one condition SQLite
      // walked every dated item from the earliest first due (0.2–0.6 s at 1M). PostgreSQL reads the
      // one condition best, its counts too: the split's first part ORs two bitmaps of the state
      // index (0.3 s at 1M) where a scan in table order stops at the cap.
      const split = anyOf([
        {
          sql: `i.due_kind = 'dated' AND i.first_due > ? AND i.due_on > ?
            AND (i.first_start IS NULL OR i.first_start > ?)`,
          params: [soon, soon, today],
        },
        {
          sql: `i.due_list IS NOT NULL AND i.first_due <= ? AND i.due_on > ?
            AND NOT EXISTS (SELECT 1 FROM item_dues x WHERE x.item_id = i.id AND x.due >= ? AND x.due <= ?)`,
          params: [soon, soon, today, soon],
        },
      ]);
      if (backend === 'sqlite') return split;
      return {
        sql: `i.due_kind = 'dated' AND i.due_on > ?
          AND (i.first_start IS NULL OR i.first_start > ? OR i.first_due <= ?) AND NOT (${several})`,
        params: [soon, today, soon, soon, today, today, soon],
      };
    }
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
  backend: Backend = 'sqlite',
): StateSql {
  const parts = states.map((s) => stateCondition(s, today, soonDays, backend));
  if (parts.length === 1) return parts[0];
  return { sql: `(${parts.map((p) => `(${p.sql})`).join(' OR ')})`, params: parts.flatMap((p) => p.params) };
}
