// The benches' roadmap as a Word document: the same title, header, «Задача N» rows (one cell
// spanning the table) and items as roadmap-xlsx.ts, written as minimal WordprocessingML with the
// tests' zip builder (text escaped as the dashboard escapes HTML, which is valid XML too).
import { writeFileSync } from 'node:fs';
import { escapeHtml } from '@cluster/sync-service/features/dashboard/html.ts';
import { docxWith } from '@cluster/sync-service/test/helpers/zip-build.ts';
import { HEADER } from './roadmap-words.ts';
import { ROADMAP_TITLE, roadmapRows } from './roadmap-xlsx.ts';

function text(value: string | number | Date): string {
  if (!(value instanceof Date)) return String(value);
  const dd = String(value.getUTCDate()).padStart(2, '0');
  const mm = String(value.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}.${mm}.${value.getUTCFullYear()}`;
}

const paragraph = (s: string) =>
  `<w:p>${s
    .split('\n')
    .map((line) => `<w:r><w:t xml:space="preserve">${escapeHtml(line)}</w:t></w:r>`)
    .join('<w:r><w:br/></w:r>')}</w:p>`;

const cell = (value: string | number | Date, span = 1) =>
  `<w:tc><w:tcPr>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}</w:tcPr>${paragraph(text(value))}</w:tc>`;

/** Writes the roadmap as .docx with `rows` table rows after the header; returns the item rows. */
export function writeRoadmapDocx(file: string, rows: number): number {
  const parts: string[] = [paragraph('Утверждаю'), paragraph('Председатель Координационного совета')];
  parts.push(paragraph(ROADMAP_TITLE), '<w:tbl>');
  parts.push(`<w:tr>${HEADER.map((h) => cell(h)).join('')}</w:tr>`);
  parts.push(`<w:tr>${HEADER.map((_, i) => cell(i + 1)).join('')}</w:tr>`);
  let items = 0;
  for (const row of roadmapRows(rows)) {
    if (row.task) parts.push(`<w:tr>${cell(row.cells[0], HEADER.length)}</w:tr>`);
    else {
      items++;
      parts.push(`<w:tr>${row.cells.map((c) => cell(c)).join('')}</w:tr>`);
    }
  }
  parts.push('</w:tbl>');
  writeFileSync(file, docxWith(parts.join('')));
  return items;
}
