// What the add-in last saw and wrote on a sheet, kept in the document's properties (read with the
// settings in one call): the content hash of the values it read, the counts it showed, the span of
// item rows and the columns whose edits can change a colour. A repeated use on an unchanged sheet
// then writes nothing, and onEdit decides from this alone whether an edit matters.
import type { ItemState } from '@cluster/shared';
import { documentProperties } from './gas.ts';

export interface SheetState {
  /** Hash of the values read plus everything else the highlight depends on (settings, today). */
  hash: string;
  timeZone: string;
  title: string;
  sheetName: string;
  /** Signature of the rules list as written (ours in it), to skip rewriting identical rules. */
  rules: string;
  counts: Record<ItemState, number>;
  items: number;
  /** Rows [first, last] of items and the sheet columns (deadline, mark, number) an edit must recheck. */
  watch?: { first: number; last: number; columns: number[] };
  /** Hash for which the mark dropdown was last applied. */
  validated?: string;
}

/** A state that records nothing highlighted yet (only the document's names). */
export function blankState(env: { timeZone: string; title: string; sheetName: string }): SheetState {
  return {
    hash: '',
    ...env,
    rules: '',
    counts: { done: 0, unknown: 0, ongoing: 0, overdue: 0, due_soon: 0, in_progress: 0, upcoming: 0 },
    items: 0,
  };
}

const key = (sheetId: number): string => `cluster.state.${sheetId}`;

export function readState(props: Record<string, string>, sheetId: number): SheetState | null {
  const raw = props[key(sheetId)];
  if (!raw) return null;
  try {
    return JSON.parse(raw) as SheetState;
  } catch {
    return null;
  }
}

export function writeState(sheetId: number, state: SheetState | null): void {
  const props = documentProperties();
  if (state) props.setProperty(key(sheetId), JSON.stringify(state));
  else props.deleteProperty(key(sheetId));
}

/**
 * FNV-1a (two 32-bit lanes) over the user's values and `extra`: a change anywhere changes it. The
 * add-in's helper columns (1-based `skip`) are left out: they are derived from the rest.
 */
export function contentHash(
  values: readonly (readonly unknown[])[],
  extra: string,
  skip: readonly (number | undefined)[] = [],
): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  const feed = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193) >>> 0;
      b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
    }
  };
  feed(extra);
  for (const row of values) {
    feed('\n');
    for (let c = 0; c < row.length; c++) {
      if (skip.indexOf(c + 1) >= 0) continue;
      const v = row[c];
      feed('\t');
      feed(Object.prototype.toString.call(v) === '[object Date]' ? `D${(v as Date).getTime()}` : String(v));
    }
  }
  return a.toString(16) + b.toString(16);
}
