// A sheet as the add-in's versions before the row-1 markers left it (git history of
// addon/src/helper-columns.ts and highlight.ts up to 63fe32c): helper columns found by developer
// metadata 'cluster.column' = 'due' | 'id' on the column, no marker in row 1, ids without content
// fingerprints, the four rules placed BEFORE the user's, and no sheet state (neither in the
// document's properties nor as developer metadata). Every version's rules carry the
// N("cluster:…") marker and the same palette (shared/src/palette.ts never changed).
import type { SheetModel } from './fakes/model.ts';
import type { AddonWorld } from './fakes/world.ts';

export const LEGACY_KEY = 'cluster.column';

/** Turns what the current add-in wrote on `sheet` into what an earlier version would have left. */
export function asEarlierVersionLeftIt(w: AddonWorld, sheet: SheetModel): void {
  for (let c = 1; c <= sheet.maxColumns; c++) {
    const top = sheet.value(1, c);
    const kind = top === '⟦cluster:due⟧' ? 'due' : top === '⟦cluster:id⟧' ? 'id' : null;
    if (!kind) continue;
    sheet.edit(1, c).value = '';
    w.model.addMetadata(LEGACY_KEY, kind, { type: 'COLUMN', sheetId: sheet.id, column: c });
    if (kind === 'id')
      for (let r = 2; r <= sheet.maxRows; r++) {
        const v = sheet.value(r, c);
        if (typeof v === 'string' && v.includes('#')) sheet.edit(r, c).value = v.slice(0, v.lastIndexOf('#'));
      }
  }
  for (const key of [...w.services.documentProperties.keys()])
    if (key.endsWith(`.${sheet.id}`) && key.startsWith('cluster.')) w.services.documentProperties.delete(key);
  // Nor did it keep the sheet state, the dropdown record or the settings' copy as metadata.
  w.model.metadata = w.model.metadata.filter(
    (m) => !['cluster.state', 'cluster.validated', 'cluster.settings'].includes(m.key),
  );
  const ours = sheet.rules.filter((r) => String(r.values[0] ?? '').includes('N("cluster:'));
  sheet.rules = [...ours, ...sheet.rules.filter((r) => !ours.includes(r))];
}

/** Columns that are a helper column of `kind` by marker or by legacy metadata. */
export function helperColumns(w: AddonWorld, sheet: SheetModel, kind: 'due' | 'id'): number[] {
  const out = new Set<number>();
  for (let c = 1; c <= sheet.maxColumns; c++) if (sheet.value(1, c) === `⟦cluster:${kind}⟧`) out.add(c);
  for (const m of w.model.metadata)
    if (
      m.key === LEGACY_KEY &&
      m.value === kind &&
      m.location.type === 'COLUMN' &&
      m.location.sheetId === sheet.id
    )
      out.add(m.location.column);
  return [...out].sort((a, b) => a - b);
}
