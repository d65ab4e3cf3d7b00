// The fakes themselves: generated from @types/google-apps-script and as strict as Apps Script where
// the add-in depends on it (enums, authorization, typed input, rule rendering, triggers, row moves).
import { describe, expect, it } from 'vitest';
import { generateSurface } from '../scripts/gen-gas-surface.ts';
import { SURFACE } from './fakes/calls.ts';
import { DOCUMENTED_NULL_RETURNS } from './fakes/null-returns.ts';
import { renderedFormat } from './fakes/spreadsheet-app.ts';
import { AddonWorld, worlds } from './fakes/world.ts';

function app(w: AddonWorld) {
  const c = w.context as unknown as {
    SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    PropertiesService: GoogleAppsScript.Properties.PropertiesService;
    ScriptApp: GoogleAppsScript.Script.ScriptApp;
    UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp;
  };
  return c;
}

function fresh(opts: ConstructorParameters<typeof AddonWorld>[0] = {}): AddonWorld {
  const w = new AddonWorld(opts);
  worlds.splice(worlds.indexOf(w), 1); // these tests misuse the fakes on purpose
  w.model.addSheet('Лист1');
  return w;
}

describe('the fakes follow @types/google-apps-script', () => {
  it('the committed surface is what the generator makes from the installed types', () => {
    expect(generateSurface()).toEqual(SURFACE);
  });

  it('a declared but unimplemented method exists and throws; an undeclared member does not exist', () => {
    const w = fresh();
    const sheet = app(w).SpreadsheetApp.getActiveSheet();
    expect(typeof sheet.autoResizeColumns).toBe('function');
    expect(() => sheet.autoResizeColumns(1, 2)).toThrow(
      'Spreadsheet.Sheet.autoResizeColumns is not implemented in the fake',
    );
    expect(() => (sheet as unknown as { getCells(): void }).getCells()).toThrow(
      'Spreadsheet.Sheet.getCells is not declared by @types/google-apps-script',
    );
    expect('getRange' in sheet && !('__box' in sheet)).toBe(true);
    expect(w.log.violations).toHaveLength(2);
  });

  it('enums are opaque objects named by their string form, not strings, and not === across getters', () => {
    const w = fresh();
    const { SpreadsheetApp } = app(w);
    const CF = SpreadsheetApp.BooleanCriteria.CUSTOM_FORMULA;
    expect(typeof CF).toBe('object');
    expect(String(CF)).toBe('CUSTOM_FORMULA');
    const sheet = SpreadsheetApp.getActiveSheet();
    const rule = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=A1=1')
      .setBackground('#FF0000')
      .setRanges([sheet.getRange(1, 1)])
      .build();
    const type = rule.getBooleanCondition()?.getCriteriaType();
    expect(String(type)).toBe('CUSTOM_FORMULA');
    expect(type === CF).toBe(false);
  });

  it('authorization modes: NONE has no document or properties; LIMITED no fetch or triggers', () => {
    const w = fresh({ authMode: 'NONE' });
    const a = app(w);
    expect(() => a.SpreadsheetApp.getActiveSpreadsheet()).toThrow(/AuthMode\.NONE/);
    expect(() => a.PropertiesService.getDocumentProperties().getProperties()).toThrow(/AuthMode\.NONE/);
    expect(() => a.SpreadsheetApp.getUi().createAddonMenu()).not.toThrow();
    w.authMode = 'LIMITED';
    expect(() => a.SpreadsheetApp.getActiveSpreadsheet()).not.toThrow();
    expect(() => a.UrlFetchApp.fetch('https://example.org')).toThrow(/AuthMode\.LIMITED/);
    expect(() => a.ScriptApp.getProjectTriggers()).toThrow(/AuthMode\.LIMITED/);
  });

  it('setValues reads text as typed input in the spreadsheet locale; plain-text format keeps it', () => {
    for (const [locale, month] of [
      ['ru_RU', 5],
      ['en_US', 4],
    ] as const) {
      const w = fresh({ spreadsheetLocale: locale });
      const sheet = app(w).SpreadsheetApp.getActiveSheet();
      sheet.getRange(1, 1, 1, 5).setValues([['05.06.2021', '=1+1', '12', "'12", 'текст']]);
      const m = w.model.activeSheet();
      const d = m.value(1, 1) as Date;
      expect(Object.prototype.toString.call(d)).toBe('[object Date]');
      expect(new Date(d.getTime() + 12 * 3600e3).getUTCMonth()).toBe(month);
      expect(m.cell(1, 2)?.formula).toBe('=1+1');
      expect([m.value(1, 3), m.value(1, 4), m.value(1, 5)]).toEqual([12, '12', 'текст']);
      sheet
        .getRange(2, 1, 1, 2)
        .setNumberFormat('@')
        .setValues([['05.06.2021', '=1+1']]);
      expect([m.value(2, 1), m.cell(2, 2)?.formula]).toEqual(['05.06.2021', null]);
    }
  });

  it('conditional formats: only the first matching rule shows, with every property it sets', () => {
    const w = fresh();
    const m = w.model.activeSheet();
    m.edit(1, 1).value = 'x';
    m.edit(1, 1).fontWeight = 'bold';
    const box = { row: 1, column: 1, rows: 1, columns: 1 };
    m.rules.push(
      { criteria: 'CELL_NOT_EMPTY', values: [], background: '#111111', fontColor: null, ranges: [box] },
      {
        criteria: 'CELL_NOT_EMPTY',
        values: [],
        background: null,
        fontColor: '#FF0000',
        italic: true,
        ranges: [box],
      },
    );
    expect(renderedFormat(w.model, m, 1, 1, '2021-06-01')).toMatchObject({
      background: '#111111',
      fontColor: null, // the second rule matches too, but shows nothing
      bold: true, // the cell's own
      italic: false,
    });
    m.rules.reverse();
    expect(renderedFormat(w.model, m, 1, 1, '2021-06-01')).toMatchObject({
      background: null,
      fontColor: '#FF0000',
      italic: true,
    });
  });

  it('triggers belong to a user and a document; test deployments refuse them', () => {
    const w = fresh();
    const { ScriptApp, SpreadsheetApp } = app(w);
    w.services.triggers.push(
      { id: 'other-doc', handler: 'dailyRun', user: w.services.user, documentId: 'another' },
      { id: 'other-user', handler: 'dailyRun', user: 'colleague@example.ru', documentId: w.model.id },
    );
    ScriptApp.newTrigger('dailyRun').timeBased().everyDays(1).atHour(6).create();
    expect(
      ScriptApp.getProjectTriggers()
        .map((t) => t.getUniqueId())
        .sort(),
    ).toEqual(['other-doc', 't1']);
    expect(
      ScriptApp.getUserTriggers(SpreadsheetApp.getActiveSpreadsheet()).map((t) => t.getUniqueId()),
    ).toEqual(['t1']);
    const t = fresh({ deployment: 'test' });
    expect(() => app(t).ScriptApp.newTrigger('dailyRun').timeBased().everyDays(1).create()).toThrow(
      /not supported in test deployments/,
    );
  });

  it('a simple trigger that runs past 30 s of modelled time is stopped', () => {
    const w = fresh();
    w.log.startBudget(30_000);
    const sheet = app(w).SpreadsheetApp.getActiveSheet();
    expect(() => {
      for (let i = 0; i < 1000; i++) sheet.getRange(1, 1).getValue();
    }).toThrow(/Exceeded maximum execution time/);
  });

  it('row moves: sort of a selection, filter sort, cut/paste, duplicated row and sheet', () => {
    const w = fresh();
    const m = w.model.activeSheet();
    const rows = [
      ['b', 'id-b'],
      ['a', 'id-a'],
      ['c', 'id-c'],
    ];
    rows.forEach(([v, id], i) => {
      m.edit(i + 1, 1).value = v;
      m.edit(i + 1, 9).value = id;
    });
    const col = (c: number) => [1, 2, 3].map((r) => m.value(r, c));
    m.sortRange({ row: 1, column: 1, rows: 3, columns: 1 }, 1);
    expect([col(1), col(9)]).toEqual([
      ['a', 'b', 'c'],
      ['id-b', 'id-a', 'id-c'],
    ]);
    m.filterSort({ row: 1, column: 1, rows: 3, columns: 2 }, 1, false);
    expect(col(1)).toEqual(['a', 'c', 'b']);
    m.cutPaste({ row: 1, column: 1, rows: 1, columns: 1 }, 5, 1);
    expect([m.value(1, 1), m.value(5, 1)]).toEqual(['', 'a']);
    m.duplicateRow(2, w.model.metadata);
    expect([m.value(3, 1), m.value(3, 9)]).toEqual(['c', 'id-a']);
    const copy = w.model.duplicateSheet(m.id);
    expect(copy.value(3, 9)).toBe('id-a');
  });

  it('the documented null returns are declared methods the fakes implement', () => {
    for (const name of Object.keys(DOCUMENTED_NULL_RETURNS)) {
      const cls = name.slice(0, name.lastIndexOf('.'));
      const method = name.slice(name.lastIndexOf('.') + 1);
      expect(SURFACE.classes[cls]?.methods, name).toContain(method);
    }
    const w = fresh();
    const { SpreadsheetApp, PropertiesService } = app(w);
    expect(SpreadsheetApp.getActiveSpreadsheet().getSheetByName('нет такого')).toBeNull();
    expect(SpreadsheetApp.getActiveSheet().getRange(1, 1).getDataValidation()).toBeNull();
    expect(PropertiesService.getDocumentProperties().getProperty('нет')).toBeNull();
    w.services.context = 'time';
    expect(SpreadsheetApp.getActiveSpreadsheet()).toBeNull();
  });
});

describe('the Sheets advanced service fake (Sheets API v4 over the same model)', () => {
  const api = (w: AddonWorld) => (w.context as unknown as { Sheets: GoogleAppsScript.Sheets }).Sheets;

  it('is generated like the others: declared collections exist, unimplemented methods throw', () => {
    const w = fresh();
    const { Spreadsheets } = api(w);
    expect(() => Spreadsheets.Values.get(w.model.id, 'A1')).toThrow(
      'Sheets.Collection.Spreadsheets.ValuesCollection.get is not implemented in the fake',
    );
    expect(() => Spreadsheets.create({})).toThrow(/not implemented in the fake/);
    expect(w.log.violations).toHaveLength(2);
  });

  it('is not available in AuthMode.LIMITED or NONE (simple triggers have no advanced services)', () => {
    const w = fresh({ authMode: 'LIMITED' });
    const fields = { fields: 'properties(title)' };
    expect(() => api(w).Spreadsheets.get(w.model.id, fields)).toThrow(/AuthMode\.LIMITED/);
    w.authMode = 'NONE';
    expect(() => api(w).Spreadsheets.get(w.model.id, fields)).toThrow(/AuthMode\.NONE/);
    w.authMode = 'FULL';
    expect(api(w).Spreadsheets.get(w.model.id, fields).properties?.title).toBe('Таблица кластера');
    expect(w.log.byKind.read).toBe(1);
  });

  it('answers only the fields asked for; reading another one is a violation', () => {
    const w = fresh();
    const sheet = w.model.sheets[0];
    sheet.edit(1, 1).value = w.dateCell('2021-06-05');
    sheet.edit(1, 2).value = 0;
    sheet.edit(2, 1).value = 'текст';
    const got = api(w).Spreadsheets.getByDataFilter(
      { dataFilters: [{ gridRange: { sheetId: sheet.id } }] },
      w.model.id,
      {
        fields:
          'properties/timeZone,sheets(properties/sheetId,data/rowData/values(effectiveValue,effectiveFormat/numberFormat/type))',
      },
    );
    const row = got.sheets?.[0].data?.[0].rowData?.[0].values ?? [];
    // A date is a serial with a DATE format; 0 is there (a oneof field); the sheet id 0 is left out.
    expect(row[0].effectiveValue?.numberValue).toBe(44352);
    expect(row[0].effectiveFormat?.numberFormat?.type).toBe('DATE');
    expect(row[1].effectiveValue?.numberValue).toBe(0);
    expect(got.sheets?.[0].properties?.sheetId).toBeUndefined();
    expect(w.log.violations).toEqual([]);
    expect(got.properties?.title).toBeUndefined();
    expect(row[0].formattedValue).toBeUndefined();
    // Every object of the answer is guarded, however deep, in every row (one guard per mask node).
    const second = got.sheets?.[0].data?.[0].rowData?.[1].values?.[0];
    expect(second?.effectiveValue?.stringValue).toBe('текст');
    expect(second?.note).toBeUndefined();
    expect(row[0].effectiveFormat?.numberFormat?.pattern).toBeUndefined();
    const values = 'Sheets: Spreadsheets.getByDataFilter.sheets[].data[].rowData[].values[]';
    expect(w.log.violations).toEqual([
      'Sheets: Spreadsheets.getByDataFilter.properties.title read but not asked for in the fields mask',
      `${values}.formattedValue read but not asked for in the fields mask`,
      `${values}.note read but not asked for in the fields mask`,
      `${values}.effectiveFormat.numberFormat.pattern read but not asked for in the fields mask`,
    ]);
    // Plain data underneath: what JSON sees is exactly what was asked for.
    expect(JSON.parse(JSON.stringify(row[0]))).toEqual({
      effectiveValue: { numberValue: 44352 },
      effectiveFormat: { numberFormat: { type: 'DATE' } },
    });
    w.log.violations.length = 0;
    expect(() => api(w).Spreadsheets.get(w.model.id)).toThrow(/without a fields mask/);
    // The reference's example: 1 January 1900 at noon is 2.5 (days since 30.12.1899; 1900 no leap year).
    const utc = fresh({ timeZone: 'UTC' });
    utc.model.sheets[0].edit(1, 1).value = new Date(Date.UTC(1900, 0, 1, 12));
    const noon = api(utc).Spreadsheets.get(utc.model.id, {
      fields: 'sheets/data/rowData/values(effectiveValue,effectiveFormat/numberFormat/type)',
    });
    expect(noon.sheets?.[0].data?.[0].rowData?.[0].values?.[0]).toEqual({
      effectiveValue: { numberValue: 2.5 },
      effectiveFormat: { numberFormat: { type: 'DATE_TIME' } },
    });
  });

  it("counts the time spent inside the fakes' methods (the bench's addon_fakes_ms_5000), once per outermost call", () => {
    const w = fresh();
    const sheet = w.model.sheets[0];
    for (let r = 1; r <= 900; r++) sheet.edit(r, 1).value = `строка ${r}`;
    w.log.reset();
    expect(w.log.fakeMs).toBe(0);
    const started = performance.now();
    api(w).Spreadsheets.get(w.model.id, { fields: 'sheets/data/rowData/values/effectiveValue' });
    const outside = performance.now() - started;
    expect(w.log.fakeMs).toBeGreaterThan(0);
    expect(w.log.fakeMs).toBeLessThanOrEqual(outside);
    // A refused call counts too, and leaves no call open.
    expect(() => api(w).Spreadsheets.get('чужая')).toThrow(/not found/);
    expect(w.log.depth).toBe(0);
    w.log.reset();
    expect(w.log.fakeMs).toBe(0);
  });

  it('batchUpdate: updateCells keeps text as text, rules render first-match-wins, one failure undoes all', () => {
    const w = fresh();
    const sheet = w.model.sheets[0];
    const id = sheet.id;
    const before = JSON.stringify(sheet.rows);
    const cells = (...texts: string[]) => ({
      updateCells: {
        start: { sheetId: id, rowIndex: 0, columnIndex: 0 },
        rows: texts.map((t) => ({ values: [{ userEnteredValue: { stringValue: t } }] })),
        fields: 'userEnteredValue',
      },
    });
    // An unimplemented request: nothing of the batch is applied.
    expect(() =>
      api(w).Spreadsheets.batchUpdate({ requests: [cells('x'), { autoFill: {} }] }, w.model.id),
    ).toThrow(/request autoFill is not implemented in the fake/);
    expect(JSON.stringify(sheet.rows)).toBe(before);
    api(w).Spreadsheets.batchUpdate(
      {
        requests: [
          cells('05.06.2021', '=1+1', '1'),
          {
            addConditionalFormatRule: {
              index: 0,
              rule: {
                ranges: [
                  { sheetId: id, startRowIndex: 0, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 1 },
                ],
                booleanRule: {
                  condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: '=$A1<>""' }] },
                  format: { backgroundColorStyle: { rgbColor: { red: 1 } } },
                },
              },
            },
          },
          {
            insertDimension: {
              range: { sheetId: id, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 },
            },
          },
        ],
      },
      w.model.id,
    );
    // Text stays text (updateCells does not parse typed input); the column moved right, rule too.
    expect([sheet.value(1, 2), sheet.value(2, 2), sheet.value(3, 2)]).toEqual(['05.06.2021', '=1+1', '1']);
    expect(sheet.rules[0].ranges).toEqual([{ row: 1, column: 2, rows: 3, columns: 1 }]);
    expect(renderedFormat(w.model, sheet, 1, 2, '2021-06-01').background).toBe('#FF0000');
    // Developer metadata ids are unique: creating a taken id refuses the whole batch.
    const meta = (metadataId: number) => ({
      createDeveloperMetadata: {
        developerMetadata: {
          metadataId,
          metadataKey: 'k',
          metadataValue: 'v',
          location: { sheetId: id },
          visibility: 'DOCUMENT',
        },
      },
    });
    api(w).Spreadsheets.batchUpdate({ requests: [meta(7_000_000)] }, w.model.id);
    const kept = JSON.stringify(sheet.rows);
    // Refused after writing a new cell, rewriting existing ones and moving them: all undone.
    const rewrite = {
      updateCells: {
        start: { sheetId: id, rowIndex: 0, columnIndex: 1 },
        rows: [{ values: [{ userEnteredValue: { numberValue: 5 } }] }],
        fields: 'userEnteredValue',
      },
    };
    const insert = {
      insertDimension: { range: { sheetId: id, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 } },
    };
    expect(() =>
      api(w).Spreadsheets.batchUpdate(
        { requests: [cells('y'), rewrite, insert, meta(7_000_000)] },
        w.model.id,
      ),
    ).toThrow(/already exists/);
    expect(sheet.value(1, 1)).toBe('');
    expect(sheet.value(1, 2)).toBe('05.06.2021');
    expect(JSON.stringify(sheet.rows)).toBe(kept);
    expect(w.model.metadata.map((m) => m.id)).toEqual([7_000_000]);
  });
});
