// Which stored id belongs to which row. Each cell of the hidden 'id' column holds «id#fingerprint»:
// the row's id and a fingerprint of the row's content when it was last synced. Sheets moves the
// hidden cell with its row on insert, drag, whole-sheet sort and cut of whole rows — but not when
// only the visible cells move («Сортировать диапазон» on a selection, a filter's sort, cut/paste of
// cells). So an id is trusted only while its fingerprint still matches its row; otherwise the
// content is looked up among the fingerprints recorded with every id. A copied row carries a
// duplicate id: only one row keeps it and the copies are sent without one (the service gives them
// new ids), and the sync reports them.
import { fingerprint, valueText } from './sheet-state.ts';

export interface Identity {
  /** Id of each row (values[i] is sheet row i+1), null for a new row. */
  ids: (string | null)[];
  /** Fingerprint of each row's user cells ('' for an empty row). */
  fingerprints: string[];
  /** Sheet rows that carried an id another row kept (copies): sent as new rows. */
  duplicates: number[];
  /** By row as `ids`: the id a copy carried (sent as SyncRow.copiedFrom), else null. */
  copiedFrom: (string | null)[];
}

export function parseIdCell(v: unknown): { id: string; fp: string } | null {
  const s = typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
  if (!s || s.charCodeAt(0) === 0x27e6) return null; // empty or the column's marker
  const at = s.lastIndexOf('#');
  return at > 0 ? { id: s.slice(0, at), fp: s.slice(at + 1) } : { id: s, fp: '' };
}

export function idCell(id: string, fp: string): string {
  return fp ? `${id}#${fp}` : id;
}

export function rowIdentity(
  values: unknown[][],
  userColumns: number[],
  idColumn: number | undefined,
): Identity {
  const fingerprints = values.map((row) => {
    const cells = userColumns.map((c) => row[c - 1]);
    return cells.some((v) => v !== '' && v !== null && v !== undefined)
      ? fingerprint(cells.map(valueText).join('\t'))
      : '';
  });
  const stored = values.map((row) => (idColumn ? parseIdCell(row[idColumn - 1]) : null));
  const ids: (string | null)[] = values.map(() => null);
  const claimed = new Set<string>();
  const take = (i: number, id: string): void => {
    ids[i] = id;
    claimed.add(id);
  };
  // 1. The id still sits with the content it was synced with.
  stored.forEach((s, i) => {
    if (s && fingerprints[i] && s.fp === fingerprints[i] && !claimed.has(s.id)) take(i, s.id);
  });
  // 2. The content moved without its id cell: find the id recorded with this content.
  const byFingerprint = new Map<string, string[]>();
  for (const s of stored)
    if (s?.fp && !claimed.has(s.id)) byFingerprint.set(s.fp, [...(byFingerprint.get(s.fp) ?? []), s.id]);
  fingerprints.forEach((fp, i) => {
    if (ids[i] !== null || !fp) return;
    const id = (byFingerprint.get(fp) ?? []).find((x) => !claimed.has(x));
    if (id) take(i, id);
  });
  // 3. Edited in place: the row keeps its own id if no other row took it.
  stored.forEach((s, i) => {
    if (s && ids[i] === null && fingerprints[i] && !claimed.has(s.id)) take(i, s.id);
  });
  const duplicates: number[] = [];
  const copiedFrom: (string | null)[] = values.map(() => null);
  stored.forEach((s, i) => {
    if (s && ids[i] === null && fingerprints[i] && stored.some((o, j) => j !== i && o?.id === s.id)) {
      duplicates.push(i + 1);
      copiedFrom[i] = s.id;
    }
  });
  return { ids, fingerprints, duplicates, copiedFrom };
}
