// Plain-text tables for the terminal: fixed column widths, long text cut with «…», the last
// column left as long as it is.

export interface Column {
  header: string;
  /** Maximum width; the last column is never cut. */
  width: number;
  align?: 'left' | 'right';
}

export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((col, i) => {
    const longest = Math.max(col.header.length, ...rows.map((r) => oneLine(r[i] ?? '').length));
    return i === columns.length - 1 ? longest : Math.min(col.width, longest);
  });
  const line = (cells: readonly string[]) =>
    columns
      .map((col, i) => {
        const text = cut(oneLine(cells[i] ?? ''), widths[i]);
        return col.align === 'right' ? text.padStart(widths[i]) : text.padEnd(widths[i]);
      })
      .join(' │ ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n');
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** 2021-03-31 → 31.03.2021 */
export function ruDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}
