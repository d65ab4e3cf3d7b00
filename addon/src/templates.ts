// «Вставить шаблон»: a new sheet with a title, a header the domain core recognises, column widths,
// the mark dropdown, wrapping and a frozen header. The sheet is tagged so the protocol import finds
// its decisions register again.

import { HEADER_FILL, TEMPLATE_HEADER_ROW, TEMPLATE_HEADERS, type TemplateKind } from '@cluster/shared';
import { MARK_CHOICES } from './check.ts';
import { listValidation } from './gas.ts';

export type { TemplateKind };
export const TEMPLATE_KEY = 'cluster.template';

/** Column widths (pixels) of each template; its title and header row are the domain core's. */
const WIDTHS: Record<TemplateKind, number[]> = {
  roadmap: [60, 380, 200, 140, 220, 180],
  work_plan: [60, 380, 200, 140, 200, 180],
  decisions: [60, 420, 200, 140, 160, 180],
};

export const HEADER_ROW = TEMPLATE_HEADER_ROW;
const BODY_ROWS = 200;

/** Creates the template sheet and makes it active; returns it. */
export function insertTemplate(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  kind: TemplateKind,
  year: number,
): GoogleAppsScript.Spreadsheet.Sheet {
  const t = TEMPLATE_HEADERS[kind];
  const widths = WIDTHS[kind];
  const sheet = ss.insertSheet(freeName(ss, t.sheetName));
  const n = t.headers.length;
  sheet.getRange(1, 1).setValue(t.title(year)).setFontWeight('bold').setFontSize(12);
  const header = sheet.getRange(HEADER_ROW, 1, 1, n);
  header
    .setValues([[...t.headers]])
    .setFontWeight('bold')
    .setBackground(HEADER_FILL)
    .setWrap(true)
    .setVerticalAlignment('middle');
  for (let c = 0; c < n; c++) sheet.setColumnWidth(c + 1, widths[c]);
  sheet
    .getRange(HEADER_ROW + 1, 1, BODY_ROWS, n)
    .setWrap(true)
    .setVerticalAlignment('top');
  const mark = sheet.getRange(HEADER_ROW + 1, n, BODY_ROWS, 1);
  mark.setDataValidation(listValidation(MARK_CHOICES));
  sheet.setFrozenRows(HEADER_ROW);
  sheet.addDeveloperMetadata(TEMPLATE_KEY, kind);
  sheet.activate();
  return sheet;
}

/** The sheet made from a template of this kind, if there is one. */
export function findTemplateSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  kind: TemplateKind,
): GoogleAppsScript.Spreadsheet.Sheet | null {
  const found = ss.createDeveloperMetadataFinder().withKey(TEMPLATE_KEY).withValue(kind).find();
  for (const md of found) {
    const sheet = md.getLocation().getSheet();
    if (sheet) return sheet;
  }
  return null;
}

function freeName(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, base: string): string {
  const taken = new Set(ss.getSheets().map((s) => s.getName()));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base} (${i})`)) return `${base} (${i})`;
}
