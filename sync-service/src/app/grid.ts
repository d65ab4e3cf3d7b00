// The add-in's rows → the grid the domain core reads. Real dates arrive as ISO strings and become
// Date objects again, as Sheets getValues() would give them.
import type { Cell, Grid } from '@cluster/shared';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T00:00(?::00(?:\.000)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function cellOf(value: string | number | boolean | null): Cell {
  if (typeof value !== 'string') return value;
  const m = ISO_DATE.exec(value);
  if (!m) return value;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return value;
  return date;
}

export function gridOf(rows: readonly { cells: readonly (string | number | boolean | null)[] }[]): Grid {
  return rows.map((r) => r.cells.map(cellOf));
}
