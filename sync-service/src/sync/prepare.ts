// The snapshot made ready to compare and write, before any store work: each recognised item with
// its client id, stored cells, serialised content and effective due; the documents the sheet holds.
import { type DocumentKind, effectiveDue, type Item, type StateBasis, stateBasis } from '@cluster/shared';
import { type ItemJson, itemJson } from '../store/items-table.ts';
import { type StoredCell, storedCell } from '../store/rows.ts';
import type { SnapshotInput } from '../store/types.ts';

/** One recognised item, ready to compare and write. */
export interface Prepared {
  item: Item;
  documentIndex: number;
  clientId: string | null;
  /** The id the row carried as a copy of another row (sent without it), or null. */
  copiedFrom: string | null;
  cells: StoredCell[];
  /** JSON columns and content hash, serialised once for the comparison and the write. */
  json: ItemJson;
  effectiveDue: string | null;
  /** What its state on any day follows from, with its document's period. */
  basis: StateBasis;
}

/** A document as the snapshot has it, in the stored form. */
export interface DesiredDocument {
  title: string;
  kind: DocumentKind;
  periodStart: string | null;
  periodEnd: string | null;
  /** JSON of the layout, meeting and unplaced rows. */
  meta: string;
}

const CLIENT_ID = /^[\w.:-]{1,100}$/;

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export function prepareItems(input: SnapshotInput): Prepared[] {
  return [...preparedItems(input)];
}

/** prepareItems one item at a time (a caller may pause in between on a big sheet). */
export function* preparedItems(input: SnapshotInput): Generator<Prepared> {
  const today = input.today ?? todayUtc();
  for (const [documentIndex, doc] of input.documents.entries()) {
    for (const item of doc.items) {
      const raw = input.rowIds?.[item.row - 1];
      const copied = input.copiedFrom?.[item.row - 1];
      const cells = (input.cells?.[item.row - 1] ?? []).map(storedCell);
      yield {
        item,
        documentIndex,
        clientId: typeof raw === 'string' && CLIENT_ID.test(raw) ? raw : null,
        copiedFrom: typeof copied === 'string' && CLIENT_ID.test(copied) ? copied : null,
        cells,
        json: itemJson(item, cells),
        effectiveDue:
          item.effectiveDue !== undefined ? item.effectiveDue : effectiveDue(item.deadline, item.mark, today),
        basis: stateBasis(item.deadline, item.mark, doc.period),
      };
    }
  }
}

/** The snapshot's documents; a sheet where nothing was recognised still is one (empty) document. */
export function desiredDocuments(input: SnapshotInput): DesiredDocument[] {
  const fallback =
    input.title?.trim() || (input.source.kind === 'sheet' ? input.source.sheetName : input.source.fileName);
  if (input.documents.length === 0)
    return [{ title: fallback, kind: 'table', periodStart: null, periodEnd: null, meta: '{}' }];
  return input.documents.map((d) => ({
    title: d.title.trim() || fallback,
    kind: d.kind,
    periodStart: d.period?.start ?? null,
    periodEnd: d.period?.end ?? null,
    meta: JSON.stringify({ table: d.table ?? null, meeting: d.meeting ?? null, unplaced: d.unplaced ?? [] }),
  }));
}
