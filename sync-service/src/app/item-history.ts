// An item's history as an official reads it: one entry per sync that touched the item, saying what
// changed (old → new), from which sheet or file and by which token. The store keeps one event per
// changed field; a mark edit also records its status and the item's state, so those follow from
// the mark and are folded into its line rather than shown as more entries.
import type { HistoryEvent, SyncOrigin } from '../store/types.ts';

export interface HistoryChange {
  /** An Item field (title, deadline, mark…), 'due' for a moved deadline, or 'state'. */
  field: string;
  old: unknown;
  new: unknown;
}

export interface HistoryEntry {
  /** The sync's id; null for events no sync recorded. */
  syncId: string | null;
  at: string;
  /**
   * created: the row appeared; removed / restored: it left or came back; changed: fields changed;
   * reminder: a reminder was sent about it (no sync; its one change is field 'reminder').
   */
  kind: 'created' | 'changed' | 'removed' | 'restored' | 'reminder';
  via: SyncOrigin | null;
  changes: HistoryChange[];
}

export function historyEntries(events: readonly HistoryEvent[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  const bySync = new Map<string, HistoryEntry>();
  for (const e of events) {
    // What no sync recorded (a reminder) is an entry of its own.
    const key = e.syncId ?? `event:${e.id}`;
    let entry = bySync.get(key);
    if (!entry) {
      entry = { syncId: e.syncId, at: e.at, kind: 'changed', via: e.via, changes: [] };
      bySync.set(key, entry);
      entries.push(entry);
    }
    if (e.type === 'created' || e.type === 'removed' || e.type === 'restored') {
      entry.kind = e.type;
      continue;
    }
    if (e.type === 'reminder') {
      entry.kind = 'reminder';
      entry.changes.push({ field: 'reminder', old: e.field, new: e.new });
      continue;
    }
    const field = e.type === 'deadline_moved' ? 'due' : (e.field ?? '');
    entry.changes.push({ field, old: e.old, new: e.new });
  }
  for (const entry of entries) {
    // «mark.status» repeats what the mark's own change says.
    if (entry.changes.some((c) => c.field === 'mark'))
      entry.changes = entry.changes.filter((c) => c.field !== 'mark.status');
  }
  return entries;
}
