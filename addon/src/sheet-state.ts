// What the add-in last saw and wrote on a sheet, kept as developer metadata on the sheet (it comes
// with the one Sheets API read of the sheet, and is written in the same batchUpdate as the rest):
// the content hash of the values it read, the counts it showed, the span of item rows and the
// columns whose edits can change a colour. A repeated use on an unchanged sheet then writes
// nothing, and onEdit decides from this alone (one metadata lookup) whether an edit matters.
// Versions before kept it in the document's properties (cluster.state.<sheetId>): such a sheet
// is simply highlighted afresh on its next click.
import type { TallyKey } from '@cluster/shared';
import type { MetaView, MetaWrite } from './gas.ts';

export interface SheetState {
  /** Hash of the values read plus everything else the highlight depends on (settings, today). */
  hash: string;
  timeZone: string;
  title: string;
  sheetName: string;
  /** Signature of the rules list as written (ours in it), to skip rewriting identical rules. */
  rules: string;
  counts: Record<TallyKey, number>;
  items: number;
  /** Rows [first, last] of items and the sheet columns (deadline, mark, number) an edit must recheck. */
  watch?: { first: number; last: number; columns: number[] };
}

/** Developer-metadata keys of the add-in (on the sheet; SETTINGS_KEY on the spreadsheet). */
export const STATE_KEY = 'cluster.state';
export const VALIDATED_KEY = 'cluster.validated';

export function readState(meta: Record<string, MetaView>): SheetState | null {
  const raw = meta[STATE_KEY]?.value;
  if (!raw) return null;
  try {
    return JSON.parse(raw) as SheetState;
  } catch {
    return null;
  }
}

export function writeState(state: SheetState | null): MetaWrite {
  return { key: STATE_KEY, value: state ? JSON.stringify(state) : null };
}

/** Content hash for which «Проверить таблицу» last applied the mark dropdown on a sheet. */
export function readValidated(meta: Record<string, MetaView>): string {
  return meta[VALIDATED_KEY]?.value ?? '';
}

export function writeValidated(hash: string): MetaWrite {
  return { key: VALIDATED_KEY, value: hash };
}

/**
 * A cell value as text for digests and fingerprints: a Date by its instant, anything else as
 * String gives it. Primitives first: Object.prototype.toString would box each one.
 */
export function valueText(v: unknown): string {
  if (typeof v !== 'object' || v === null) return String(v);
  return Object.prototype.toString.call(v) === '[object Date]' ? `D${(v as Date).getTime()}` : String(v);
}

/** The text of the user's values (helper columns, 1-based `skip`, left out), row by row. */
function valuesText(values: readonly (readonly unknown[])[], skip: readonly (number | undefined)[]): string {
  const lines: string[] = [];
  for (const row of values) {
    const cells: string[] = [];
    for (let c = 0; c < row.length; c++) {
      if (skip.indexOf(c + 1) >= 0) continue;
      cells.push(valueText(row[c]));
    }
    lines.push(cells.join('\t'));
  }
  return lines.join('\n');
}

/**
 * Digest of the user's values and `extra`: a change anywhere changes it. Computed by Apps Script
 * (Utilities.computeDigest runs natively, no round trip), since a script loop over 5,000 rows of
 * text costs seconds.
 */
export function contentHash(
  values: readonly (readonly unknown[])[],
  extra: string,
  skip: readonly (number | undefined)[] = [],
): string {
  const bytes = Utilities.computeDigest(
    Utilities.DigestAlgorithm.MD5,
    `${extra}\n${valuesText(values, skip)}`,
    Utilities.Charset.UTF_8,
  );
  return bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, '0')).join('');
}

/** FNV-1a (two 32-bit lanes) of one short text: a row's fingerprint, computed in the script. */
export function fingerprint(text: string): string {
  let a = 0x811c9dc5 | 0;
  let b = 0x01000193 | 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x5bd1e995);
  }
  return (a >>> 0).toString(16) + (b >>> 0).toString(16);
}
