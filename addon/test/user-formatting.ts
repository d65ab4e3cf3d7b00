// The user's own formatting put on a sample sheet before the add-in touches it.

import { emptyCell, type SheetModel } from './fakes/model.ts';
import type { AddonWorld } from './fakes/world.ts';

export function decorate(w: AddonWorld, sheet: SheetModel): void {
  const cell = (r: number, c: number) => sheet.edit(r, c);
  cell(13, 1).background = '#00FF00';
  cell(13, 2).fontColor = '#990000';
  cell(14, 2).note = 'Уточнить у работодателя';
  cell(15, 4).validation = {
    criteria: 'NUMBER_BETWEEN',
    args: [1, 10],
    allowInvalid: false,
    helpText: 'моя проверка',
  };
  cell(20, 3).background = '#FFFF00';
  sheet.merges.push({ row: 11, column: 1, rows: 1, columns: 5 });
  sheet.rules.push({
    criteria: 'TEXT_CONTAINS',
    values: ['ПОО'],
    background: '#CFE2F3',
    fontColor: null,
    ranges: [{ row: 12, column: 3, rows: 40, columns: 1 }],
  });
  sheet.columnWidths[2] = 333;
  sheet.frozenRows = 12;
  w.model.addMetadata('user.key', 'мои данные', { type: 'SHEET', sheetId: sheet.id });
}

/**
 * The add-in's records that outlive «Снять подсветку», as its document properties do: the mark
 * dropdown's record (the dropdown stays too) and the settings' copy. Not the user's; left out.
 */
const RECORDS = new Set(['cluster.validated', 'cluster.settings']);

/** Everything of the user's in the model, as JSON (the add-in's own helper column left out by the caller). */
export function modelJson(w: AddonWorld): string {
  const sheets = w.model.sheets.map((s) => {
    const cells: Record<string, unknown> = {};
    s.rows.forEach((row, r) => {
      row?.forEach((cell, c) => {
        if (cell && JSON.stringify(cell) !== JSON.stringify(emptyCell())) cells[`${r + 1},${c + 1}`] = cell;
      });
    });
    const { rows: _rows, ...rest } = s;
    return { ...rest, cells };
  });
  const metadata = w.model.metadata.filter((m) => !RECORDS.has(m.key));
  return JSON.stringify({ sheets, metadata }, null, 1);
}
