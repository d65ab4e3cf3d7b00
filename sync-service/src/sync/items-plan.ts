// The items' side of a sync plan: which stored item each row continues (pairItems), then what to
// insert, rewrite and flag removed, the history events and the counts (planItems). Pure: the
// stored rows come in as arguments.
import { randomUUID } from 'node:crypto';
import type { StateBasis } from '@cluster/shared';
import { type ItemContent, type ItemPlace, type ItemWrite, itemContent } from '../store/items-table.ts';
import type { ItemEvent, LightItem, StoredContent } from '../store/sync-types.ts';
import { itemEvents } from './events.ts';
import { matchRows } from './match.ts';
import type { Prepared } from './prepare.ts';

export interface Pairing {
  /** Per prepared item: the stored item it continues, or null for a new one. */
  matched: (string | null)[];
  byId: Map<string, LightItem>;
  /** Live stored items no row continues. */
  removedIds: string[];
  /** Continued items whose content changed: their stored content is needed for the diff. */
  contentChanged: string[];
}

export function pairItems(prepared: readonly Prepared[], stored: readonly LightItem[]): Pairing {
  const byId = new Map(stored.map((e) => [e.id, e]));
  const matched = matchRows(
    prepared.map((p) => ({
      clientId: p.clientId,
      number: p.item.number,
      title: p.item.title,
      row: p.item.row,
    })),
    stored,
  );
  const continued = new Set(matched.filter((id): id is string => id !== null));
  const removedIds = stored.filter((e) => !e.removed && !continued.has(e.id)).map((e) => e.id);
  const contentChanged = matched.filter(
    (id, k): id is string => id !== null && byId.get(id)!.hash !== prepared[k].json.hash,
  );
  return { matched, byId, removedIds, contentChanged };
}

export interface ItemCounts {
  created: number;
  changed: number;
  unchanged: number;
  restored: number;
  deadlinesMoved: number;
}

export interface ItemsPlan {
  /** The id of each prepared item (new ones get a fresh id). */
  ids: string[];
  inserts: ItemWrite[];
  updates: ItemWrite[];
  removedIds: string[];
  events: ItemEvent[];
  counts: ItemCounts;
}

export interface ItemsPlanInput {
  prepared: readonly Prepared[];
  pairing: Pairing;
  /** Stored content of `pairing.contentChanged`. */
  contents: ReadonlyMap<string, StoredContent>;
  /** Id of each snapshot document, by index. */
  documentIds: readonly string[];
  where: Omit<ItemPlace, 'id' | 'documentId' | 'effectiveDue' | 'basis'>;
  newId?: () => string;
}

const sameBasis = (a: StateBasis, b: StateBasis): boolean =>
  a.kind === b.kind &&
  a.due === b.due &&
  a.firstDue === b.firstDue &&
  a.firstStart === b.firstStart &&
  String(a.dues) === String(b.dues);

/** A kept item is rewritten when anything stored about it differs, its place and state included. */
function needsRewrite(stored: LightItem, p: Prepared, documentId: string, contentChanged: boolean): boolean {
  return (
    stored.removed ||
    contentChanged ||
    stored.row !== p.item.row ||
    stored.documentId !== documentId ||
    stored.state !== p.item.state ||
    stored.effectiveDue !== p.effectiveDue ||
    !sameBasis(stored.basis, p.basis)
  );
}

export function planItems({
  prepared,
  pairing,
  contents,
  documentIds,
  where,
  newId = randomUUID,
}: ItemsPlanInput): ItemsPlan {
  const { matched, byId } = pairing;
  const ids = matched.map((id) => id ?? newId());
  const plan: ItemsPlan = {
    ids,
    inserts: [],
    updates: [],
    removedIds: pairing.removedIds,
    events: [],
    counts: { created: 0, changed: 0, unchanged: 0, restored: 0, deadlinesMoved: 0 },
  };
  const { counts } = plan;
  prepared.forEach((p, k) => {
    const id = ids[k];
    const documentId = documentIds[p.documentIndex];
    const place: ItemPlace = { ...where, id, documentId, effectiveDue: p.effectiveDue, basis: p.basis };
    const stored = matched[k] === null ? undefined : byId.get(id);
    // A copied row that got an id of its own: the history says which row's id it carried.
    const reassigned: ItemEvent[] =
      p.copiedFrom && p.copiedFrom !== id
        ? [{ itemId: id, type: 'id_reassigned', field: 'id', old: p.copiedFrom, new: id }]
        : [];
    if (!stored) {
      counts.created++;
      plan.inserts.push({ item: p.item, content: itemContent(p.item, p.cells, p.json), place });
      plan.events.push(...reassigned);
      return;
    }
    const before = contents.get(id);
    const content: ItemContent | null =
      before || stored.removed ? itemContent(p.item, p.cells, p.json) : null;
    const changes = before && content ? itemEvents(id, before, p.item, content) : [];
    if (!before && stored.state !== p.item.state) {
      changes.push({
        itemId: id,
        type: 'status_changed',
        field: 'state',
        old: stored.state,
        new: p.item.state,
      });
    }
    if (stored.removed) changes.unshift({ itemId: id, type: 'restored', field: null, old: null, new: null });
    changes.push(...reassigned);
    if (needsRewrite(stored, p, documentId, before !== undefined)) {
      plan.updates.push({ item: p.item, content: content ?? itemContent(p.item, p.cells, p.json), place });
    }
    plan.events.push(...changes);
    if (changes.some((e) => e.type === 'deadline_moved')) counts.deadlinesMoved++;
    if (stored.removed) counts.restored++;
    if (stored.removed || changes.some((e) => e.field !== 'state')) counts.changed++;
    else counts.unchanged++;
  });
  for (const id of pairing.removedIds)
    plan.events.push({ itemId: id, type: 'removed', field: null, old: null, new: null });
  return plan;
}
