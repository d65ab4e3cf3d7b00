// The first read of the deadline moves, shared by the report and the dashboard: per item the latest
// due it was moved to (for «в срок»), how many moves it has, and the last move counted. Which moves:
// every one the store knows of (see moves-window.ts).
import type { ReportSource } from './model.ts';
import { MoveDays } from './moves-window.ts';

export interface MoveScan {
  days: MoveDays;
  movedDue: Map<string, string>;
  timesMoved: Map<string, number>;
  /** `seenAt` of the last move counted ('' when none). */
  lastSeen: string;
}

/** Both maps grow with moved items only. */
export async function scanMoves(source: ReportSource, timeZone: string): Promise<MoveScan> {
  const days = new MoveDays(timeZone);
  const movedDue = new Map<string, string>();
  const timesMoved = new Map<string, number>();
  let lastSeen = '';
  // One string per due date: tens of thousands of moved items share a few hundred dates.
  const dates = new Map<string, string>();
  for await (const move of source.moves()) {
    const latest = movedDue.get(move.itemId);
    if (move.to && (!latest || move.to > latest)) {
      const known = dates.get(move.to);
      if (known === undefined) dates.set(move.to, move.to);
      movedDue.set(move.itemId, known ?? move.to);
    }
    timesMoved.set(move.itemId, (timesMoved.get(move.itemId) ?? 0) + 1);
    if (move.seenAt > lastSeen) lastSeen = move.seenAt;
  }
  return { days, movedDue, timesMoved, lastSeen };
}
