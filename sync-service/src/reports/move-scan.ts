// The first read of the deadline moves, shared by the report and the dashboard: per item the latest
// due it was moved to (for «в срок»), how many of its moves are listed, and the last move counted.
import type { ReportSource } from './model.ts';
import { MoveWindow } from './moves-window.ts';

export interface MoveScan {
  window: MoveWindow;
  movedDue: Map<string, string>;
  timesMoved: Map<string, number>;
  /** `seenAt` of the last listed move ('' when none). */
  lastSeen: string;
}

/** Both maps grow with moved items only. */
export async function scanMoves(source: ReportSource, asOf: string, timeZone: string): Promise<MoveScan> {
  const window = new MoveWindow(asOf, timeZone);
  const movedDue = new Map<string, string>();
  const timesMoved = new Map<string, number>();
  let lastSeen = '';
  for await (const move of source.moves({ until: window.readUntil })) {
    const day = window.dayOf(move);
    if (!window.known(day)) continue;
    const latest = movedDue.get(move.itemId);
    if (move.to && (!latest || move.to > latest)) movedDue.set(move.itemId, move.to);
    if (!window.lists(move, day)) continue;
    timesMoved.set(move.itemId, (timesMoved.get(move.itemId) ?? 0) + 1);
    if (move.seenAt > lastSeen) lastSeen = move.seenAt;
  }
  return { window, movedDue, timesMoved, lastSeen };
}
