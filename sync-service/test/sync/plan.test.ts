import { describe, expect, it } from 'vitest';
import { ITEMS, type ItemWrite } from '../../src/store/items-table.ts';
import type { LightItem, StoredContent, StoredDocument } from '../../src/store/sync-types.ts';
import type { SnapshotInput } from '../../src/store/types.ts';
import { planDocuments } from '../../src/sync/documents-plan.ts';
import { pairItems, planItems } from '../../src/sync/items-plan.ts';
import { MATCH_PASSES } from '../../src/sync/match.ts';
import { desiredDocuments, prepareItems } from '../../src/sync/prepare.ts';
import { answerFromStored, outcomeOf, syncWriteOf } from '../../src/sync/sync-plan.ts';
import { cellsOf, item, month, snapshotOf } from '../helpers/store-fixtures.ts';

/** The rows a store would hold after writing these items: what the next plan loads. */
class MemoryItems {
  readonly rows = new Map<string, Record<string, unknown>>();

  write(writes: readonly ItemWrite[]): void {
    for (const w of writes) {
      const values = ITEMS.values(w);
      this.rows.set(w.place.id, Object.fromEntries(ITEMS.columns.map((c, k) => [c, values[k]])));
    }
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) this.rows.get(id)!.removed = 1;
  }

  light(): LightItem[] {
    return [...this.rows.values()].map((r) => ({
      id: r.id as string,
      row: r.sheet_row as number,
      number: r.number as string,
      title: r.title as string,
      hash: r.hash as string,
      state: r.state as string,
      effectiveDue: r.effective_due as string | null,
      basis: {
        kind: r.due_kind as LightItem['basis']['kind'],
        due: r.due_on as string | null,
        firstDue: r.first_due as string | null,
        firstStart: r.first_start as string | null,
        dues: r.due_list ? (JSON.parse(r.due_list as string) as string[]) : null,
      },
      documentId: r.document_id as string,
      removed: r.removed === 1,
    }));
  }

  contents(ids: readonly string[]): Map<string, StoredContent> {
    return new Map(ids.map((id) => [id, this.rows.get(id) as unknown as StoredContent]));
  }
}

let counter = 0;
const newId = () => `id-${++counter}`;

const snapshot = snapshotOf;

/** One sync planned against the memory, then applied to it, as the store would. */
function sync(memory: MemoryItems, documents: StoredDocument[], input: SnapshotInput) {
  const prepared = prepareItems(input);
  const docs = planDocuments(documents, desiredDocuments(input), newId);
  const pairing = pairItems(prepared, memory.light());
  const items = planItems({
    prepared,
    pairing,
    contents: memory.contents(pairing.contentChanged),
    documentIds: docs.ids,
    where: { clusterId: 'c1', sourceId: 's1', at: '2024-03-01T10:00:00.000Z', syncId: 'sync' },
    newId,
  });
  const write = syncWriteOf(
    {
      syncId: 'sync',
      at: 'now',
      day: '2024-03-01',
      startedAt: 'then',
      actor: 'cli',
      revision: null,
      snapshotKey: null,
    },
    docs,
    items,
  );
  memory.write([...items.inserts, ...items.updates]);
  memory.remove(items.removedIds);
  const stored: StoredDocument[] = docs.ids.map((id, ordinal) => ({
    id,
    ordinal,
    ...desiredDocuments(input)[ordinal],
    removed: false,
  }));
  return { write, items, outcome: outcomeOf(write, prepared, items.ids), stored };
}

const base = () => [
  item(5, '1.1', 'Утверждение плана работы кластера'),
  item(6, '1.2', 'Заседание координационного совета', { deadline: month('июнь 2024', '2024-06') }),
  item(7, '1.3', 'Формирование заказа на целевое обучение'),
];

describe('sync plan', () => {
  it('plans a first sync as inserts only, and the same snapshot again as nothing to write', () => {
    const memory = new MemoryItems();
    const first = sync(memory, [], snapshot(base()));
    expect(first.write.run).toMatchObject({ outcome: 'changed', created: 3, changed: 0, unchanged: 0 });
    expect(first.write.inserts).toHaveLength(3);
    expect(first.write.documents.inserts).toHaveLength(1);
    expect(first.write.events).toEqual([]);

    const again = sync(memory, first.stored, snapshot(base()));
    expect(again.write.run).toMatchObject({ outcome: 'unchanged', created: 0, unchanged: 3, rowsWritten: 0 });
    expect(again.write.documents).toEqual({ inserts: [], updates: [], removedIds: [] });
    expect(again.outcome.summary.rowIds).toEqual(first.outcome.summary.rowIds);
  });

  it('diffs a moved deadline, an inserted row, a removed row and a restored one into events', () => {
    const memory = new MemoryItems();
    const first = sync(memory, [], snapshot(base()));
    const [a, b] = base();
    const moved = { ...b, deadline: month('август 2024', '2024-08') };
    const added = item(8, '1.4', 'Профориентационная неделя');
    const second = sync(memory, first.stored, snapshot([a, moved, added]));
    expect(second.write.run).toMatchObject({
      created: 1,
      changed: 1,
      removed: 1,
      unchanged: 1,
      deadlinesMoved: 1,
    });
    const [, bId, cId] = first.items.ids;
    expect(second.write.events.filter((e) => e.itemId === bId).map((e) => [e.type, e.field])).toEqual([
      ['changed', 'deadline'],
      ['deadline_moved', 'due'],
    ]);
    expect(second.write.events.find((e) => e.type === 'deadline_moved')).toMatchObject({
      old: '2024-06-30',
      new: '2024-08-31',
    });
    expect(second.write.removedIds).toEqual([cId]);

    const third = sync(memory, second.stored, snapshot(base()));
    expect(third.write.run).toMatchObject({ restored: 1, removed: 1 });
    expect(third.outcome.summary.rowIds.find((r) => r.row === 7)?.id).toBe(cId);
    expect(third.write.events.filter((e) => e.itemId === cId).map((e) => e.type)).toEqual(['restored']);
  });

  it('rewrites a row that only moved, without a history event', () => {
    const memory = new MemoryItems();
    const first = sync(memory, [], snapshot(base()));
    const shifted = base().map((i) => ({ ...i, row: i.row + 1 }));
    const second = sync(memory, first.stored, snapshot(shifted, { cells: cellsOf(base()) }));
    expect(second.write.updates.map((u) => u.place.id)).toEqual(first.items.ids);
    expect(second.write.events).toEqual([]);
    expect(second.write.run).toMatchObject({ outcome: 'changed', unchanged: 3, changed: 0 });
  });

  it('records a state that changed with the date alone as a status change, not as a changed item', () => {
    const memory = new MemoryItems();
    const first = sync(memory, [], snapshot(base()));
    const late = base().map((i, k) => (k === 0 ? { ...i, state: 'overdue' as const } : i));
    const second = sync(memory, first.stored, snapshot(late));
    expect(second.write.events).toEqual([
      { itemId: first.items.ids[0], type: 'status_changed', field: 'state', old: 'upcoming', new: 'overdue' },
    ]);
    expect(second.write.run).toMatchObject({ changed: 0, unchanged: 3 });
  });

  it('plans documents by position: kept, changed, new and removed', () => {
    const stored: StoredDocument[] = [
      {
        id: 'd0',
        ordinal: 0,
        title: 'План',
        kind: 'work_plan',
        periodStart: null,
        periodEnd: null,
        meta: '{}',
        removed: false,
      },
      {
        id: 'd1',
        ordinal: 1,
        title: 'Старый',
        kind: 'protocol',
        periodStart: null,
        periodEnd: null,
        meta: '{}',
        removed: false,
      },
      {
        id: 'd2',
        ordinal: 2,
        title: 'Лишний',
        kind: 'protocol',
        periodStart: null,
        periodEnd: null,
        meta: '{}',
        removed: false,
      },
    ];
    const keep = {
      title: 'План',
      kind: 'work_plan' as const,
      periodStart: null,
      periodEnd: null,
      meta: '{}',
    };
    const plan = planDocuments(stored, [keep, { ...keep, title: 'Новый' }], () => 'new');
    expect(plan.ids).toEqual(['d0', 'd1']);
    expect(plan.changes.updates.map((d) => [d.id, d.title])).toEqual([['d1', 'Новый']]);
    expect(plan.changes.removedIds).toEqual(['d2']);
    expect(
      planDocuments(stored.slice(0, 1), [keep, keep], () => 'new').changes.inserts.map((d) => d.id),
    ).toEqual(['new']);
    expect(planDocuments(stored.slice(0, 1), [keep]).wrote).toBe(false);
  });

  it('rebuilds a last answer from stored rows, and refuses one whose row order is ambiguous', () => {
    const memory = new MemoryItems();
    const first = sync(memory, [], snapshot(base()));
    const rows = first.outcome.summary.items.map((i) => ({ documentId: 'd', item: i }));
    expect(answerFromStored({ documentId: 'd', rows })).toMatchObject({
      unchanged: 3,
      rowIds: first.outcome.summary.rowIds,
    });
    expect(answerFromStored({ documentId: 'd', rows: [rows[0], rows[0]] })).toBeNull();
  });

  it('names its matching passes, most certain first', () => {
    expect(MATCH_PASSES.map((p) => p.name)).toEqual([
      'client id',
      'title in row order',
      'number and title',
      'number and normalised title',
      'normalised title',
      'same number, similar title',
      'similar title',
    ]);
  });
});
