// An item's state on a given day decided in SQL from what the sync stored: the mark (done and
// cancelled are done whatever the day), the stored state for the kinds the day does not move
// (ongoing, unknown), and the effective due and start against the day for the rest — the domain's
// order (overdue, due soon, in progress, upcoming). The effective due is the one the sync judged
// (a moved deadline's; for several dues, the current one on the sync's day).
import { addDays, type ItemState } from '@cluster/shared';
import type { Param } from './db.ts';
import type { Backend } from './types.ts';

/**
 * The start that counts (the domain's currentStart): none for a deadline moved by the mark; for
 * several dues, the item's start only while its first due is current (read from the JSON).
 */
const START: Record<Backend, string> = {
  sqlite: `CASE WHEN i.mark_status = 'postponed' AND json_extract(i.mark, '$.movedTo') IS NOT NULL THEN NULL
    WHEN i.deadline_kind = 'multiple' AND i.effective_due <> json_extract(i.deadline, '$.dues[0]') THEN NULL
    ELSE i.start_date END`,
  postgres: `CASE WHEN i.mark_status = 'postponed' AND (i.mark::json->>'movedTo') IS NOT NULL THEN NULL
    WHEN i.deadline_kind = 'multiple' AND i.effective_due <> (i.deadline::json->'dues'->>0) THEN NULL
    ELSE i.start_date END`,
};

const OPEN = "i.mark_status NOT IN ('done', 'cancelled') AND i.state NOT IN ('ongoing', 'unknown', 'done')";

/** The SQL condition for one state on `today`, and its parameters. */
export function stateCondition(
  state: ItemState,
  today: string,
  soonDays: number,
  backend: Backend,
): { sql: string; params: Param[] } {
  const soon = addDays(today, soonDays);
  const start = START[backend];
  switch (state) {
    case 'done':
      return { sql: "i.mark_status IN ('done', 'cancelled')", params: [] };
    case 'ongoing':
    case 'unknown':
      return { sql: "i.mark_status NOT IN ('done', 'cancelled') AND i.state = ?", params: [state] };
    case 'overdue':
      return { sql: `${OPEN} AND i.effective_due < ?`, params: [today] };
    case 'due_soon':
      return { sql: `${OPEN} AND i.effective_due >= ? AND i.effective_due <= ?`, params: [today, soon] };
    case 'in_progress':
      return { sql: `${OPEN} AND i.effective_due > ? AND (${start}) <= ?`, params: [soon, today] };
    case 'upcoming':
      return {
        sql: `${OPEN} AND i.effective_due > ? AND ((${start}) IS NULL OR (${start}) > ?)`,
        params: [soon, today],
      };
  }
}

/** Any of several states. */
export function statesCondition(
  states: readonly ItemState[],
  today: string,
  soonDays: number,
  backend: Backend,
): { sql: string; params: Param[] } {
  const parts = states.map((s) => stateCondition(s, today, soonDays, backend));
  return { sql: `(${parts.map((p) => `(${p.sql})`).join(' OR ')})`, params: parts.flatMap((p) => p.params) };
}
