// SpreadsheetApp over the in-memory model: Spreadsheet, Sheet, Range, rule and validation builders,
// developer metadata with its finder, and the Ui. Every call is counted under 'SpreadsheetApp'.
import { isoInTimeZone, isoToSerial } from '@cluster/shared';
import { type CallLog, enumValue, facade, inner } from './calls.ts';
import { evaluate, parseFormula, type Value } from './formula.ts';
import type {
  Box,
  MetadataLocation,
  MetadataSpec,
  RuleSpec,
  SheetModel,
  SpreadsheetModel,
  ValidationSpec,
} from './model.ts';
import { typedInput } from './typed-input.ts';

const S = 'SpreadsheetApp';

export interface UiRecord {
  menus: { title: string; items: MenuEntry[] }[];
  alerts: { title: string; message: string; buttons?: string }[];
  /** What the user answers to the next questions (alerts with a button set): 'YES', 'NO'… */
  answers: string[];
  toasts: { message: string; title: string }[];
  sidebars: { title: string; html: string; file: string }[];
  dialogs: { title: string; html: string; file: string; width: number; height: number }[];
}

export type MenuEntry =
  | { caption: string; fn: string }
  | { separator: true }
  | { submenu: string; items: MenuEntry[] };

export interface HtmlOutputLike {
  __file: string;
  getContent(): string;
  getTitle(): string;
  __width: number;
  __height: number;
}

export interface SheetsWorld {
  log: CallLog;
  model: SpreadsheetModel;
  ui: UiRecord;
  authMode: 'NONE' | 'LIMITED' | 'FULL';
  context: 'menu' | 'simple' | 'time';
  /** Constructor of Date in the add-in's realm, so `instanceof Date` holds inside the vm. */
  vmDate: DateConstructor;
}

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

export function letters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function colNumber(l: string): number {
  let n = 0;
  for (const ch of l.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1(b: Box): string {
  const tl = `${letters(b.column)}${b.row}`;
  return b.rows === 1 && b.columns === 1
    ? tl
    : `${tl}:${letters(b.column + b.columns - 1)}${b.row + b.rows - 1}`;
}

/** A1 → box; whole columns ('H:H') and rows ('5:5') take the sheet's size. */
function parseA1(text: string, sheet: SheetModel): { box: Box; kind: 'cells' | 'column' | 'row' } {
  const t = text.replace(/\$/g, '').toUpperCase();
  let m = /^([A-Z]+):([A-Z]+)$/.exec(t);
  if (m) {
    const c1 = colNumber(m[1]);
    return {
      box: { row: 1, column: c1, rows: sheet.maxRows, columns: colNumber(m[2]) - c1 + 1 },
      kind: 'column',
    };
  }
  m = /^(\d+):(\d+)$/.exec(t);
  if (m)
    return {
      box: { row: Number(m[1]), column: 1, rows: Number(m[2]) - Number(m[1]) + 1, columns: sheet.maxColumns },
      kind: 'row',
    };
  m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(t);
  if (!m) throw new Error(`Exception: Range not found: ${text}`);
  const r1 = Number(m[2]);
  const c1 = colNumber(m[1]);
  const r2 = m[4] ? Number(m[4]) : r1;
  const c2 = m[3] ? colNumber(m[3]) : c1;
  return { box: { row: r1, column: c1, rows: r2 - r1 + 1, columns: c2 - c1 + 1 }, kind: 'cells' };
}

/** Serial of a cell value for formulas (dates in the spreadsheet's zone). */
export function formulaValue(v: unknown, timeZone: string): Value {
  if (isDate(v)) return isoToSerial(isoInTimeZone(v, timeZone));
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return '';
}

export interface Rendered {
  background: string | null;
  fontColor: string | null;
  bold: boolean;
  italic: boolean;
  strikethrough: boolean;
  underline: boolean;
}

/**
 * What a viewer sees in a cell: as in Sheets, only the FIRST conditional rule that matches the cell
 * applies, with every format property it sets (fill, font colour, bold, italic, strike, underline);
 * a later matching rule shows nothing there. Properties that rule leaves unset show the cell's own.
 */
export function renderedFormat(
  model: SpreadsheetModel,
  sheet: SheetModel,
  row: number,
  column: number,
  today: string,
): Rendered {
  const own = sheet.cell(row, column);
  const out: Rendered = {
    background: own?.background ?? null,
    fontColor: own?.fontColor ?? null,
    bold: own?.fontWeight === 'bold',
    italic: false,
    strikethrough: false,
    underline: false,
  };
  const env = {
    cell: (r: number, c: number) => formulaValue(sheet.value(r, c), model.timeZone),
    today: isoToSerial(today),
  };
  for (const rule of sheet.rules) {
    const box = rule.ranges.find(
      (b) => row >= b.row && row < b.row + b.rows && column >= b.column && column < b.column + b.columns,
    );
    if (!box || !ruleMatches(rule, env, row, column, box)) continue;
    if (rule.background) out.background = rule.background;
    if (rule.fontColor) out.fontColor = rule.fontColor;
    if (rule.bold != null) out.bold = rule.bold;
    if (rule.italic != null) out.italic = rule.italic;
    if (rule.strikethrough != null) out.strikethrough = rule.strikethrough;
    if (rule.underline != null) out.underline = rule.underline;
    break;
  }
  return out;
}

/** The background a viewer sees (see renderedFormat: the first matching rule wins). */
export function renderedBackground(
  model: SpreadsheetModel,
  sheet: SheetModel,
  row: number,
  column: number,
  today: string,
): string | null {
  return renderedFormat(model, sheet, row, column, today).background;
}

function ruleMatches(
  rule: RuleSpec,
  env: { cell: (r: number, c: number) => Value; today: number },
  row: number,
  column: number,
  box: Box,
): boolean {
  const first = rule.ranges[0];
  const v = env.cell(row, column);
  switch (rule.criteria) {
    case 'CUSTOM_FORMULA':
      return (
        evaluate(parseFormula(String(rule.values[0])), env, row, column, first.row, first.column) === true
      );
    case 'CELL_NOT_EMPTY':
      return v !== '';
    case 'TEXT_CONTAINS':
      return String(v).toLowerCase().includes(String(rule.values[0]).toLowerCase());
    case 'NUMBER_GREATER_THAN':
      return typeof v === 'number' && v > Number(rule.values[0]);
    default:
      void box;
      throw new Error(`conditional rule ${rule.criteria} not implemented in fake`);
  }
}

export function createSpreadsheetApp(world: SheetsWorld): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  const { log, model } = world;
  const f = <T extends object>(kind: string, impl: T): T => facade(log, S, kind, impl);
  const toVm = (v: unknown): unknown => (isDate(v) ? new world.vmDate(v.getTime()) : v);
  // A time-driven trigger: no active document is promised (see auth.ts); null, as for a standalone run.
  const active = (): GoogleAppsScript.Spreadsheet.Spreadsheet | null =>
    world.context === 'time' ? null : spreadsheetFacade();

  const ruleFacade = (spec: RuleSpec): GoogleAppsScript.Spreadsheet.ConditionalFormatRule =>
    f('Spreadsheet.ConditionalFormatRule', {
      __spec: spec,
      getBooleanCondition: () =>
        f('Spreadsheet.BooleanCondition', {
          getCriteriaType: () => enumValue('Spreadsheet.BooleanCriteria', spec.criteria),
          getCriteriaValues: () => spec.values.slice(),
          getBackground: () => spec.background,
          getFontColor: () => spec.fontColor,
          getBold: () => spec.bold ?? null,
          getItalic: () => spec.italic ?? null,
          getStrikethrough: () => spec.strikethrough ?? null,
          getUnderline: () => spec.underline ?? null,
        }),
      getGradientCondition: () => null,
      getRanges: () => spec.ranges.map((b) => rangeFacade(sheetOfRule(spec), b)),
      copy: () => ruleBuilder({ ...spec, ranges: spec.ranges.map((b) => ({ ...b })) }),
    }) as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

  const sheetOfRule = (spec: RuleSpec): SheetModel => {
    const s = model.sheets.find((x) => x.rules.includes(spec));
    return s ?? model.activeSheet();
  };

  const specOf = (rule: unknown): RuleSpec => {
    const s = inner<{ __spec?: RuleSpec }>(rule).__spec;
    if (!s) throw new Error('setConditionalFormatRules: not a rule built by the fake');
    return s;
  };

  const ruleBuilder = (init?: RuleSpec) => {
    const spec: RuleSpec = init ?? {
      criteria: '',
      values: [],
      background: null,
      fontColor: null,
      ranges: [],
    };
    let sheetForRanges: SheetModel | null = null;
    return f('Spreadsheet.ConditionalFormatRuleBuilder', {
      whenFormulaSatisfied(formula: string) {
        parseFormula(formula);
        spec.criteria = 'CUSTOM_FORMULA';
        spec.values = [formula];
        return this;
      },
      whenCellNotEmpty() {
        spec.criteria = 'CELL_NOT_EMPTY';
        spec.values = [];
        return this;
      },
      whenTextContains(text: string) {
        spec.criteria = 'TEXT_CONTAINS';
        spec.values = [text];
        return this;
      },
      whenNumberGreaterThan(n: number) {
        spec.criteria = 'NUMBER_GREATER_THAN';
        spec.values = [n];
        return this;
      },
      setBackground(color: string | null) {
        spec.background = color;
        return this;
      },
      setFontColor(color: string | null) {
        spec.fontColor = color;
        return this;
      },
      setBold(b: boolean | null) {
        spec.bold = b;
        return this;
      },
      setItalic(b: boolean | null) {
        spec.italic = b;
        return this;
      },
      setStrikethrough(b: boolean | null) {
        spec.strikethrough = b;
        return this;
      },
      setUnderline(b: boolean | null) {
        spec.underline = b;
        return this;
      },
      setRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]) {
        spec.ranges = ranges.map((r) => {
          const b = inner<{ __box: Box; __sheet: SheetModel }>(r).__box;
          sheetForRanges = inner<{ __sheet: SheetModel }>(r).__sheet;
          return { ...b };
        });
        return this;
      },
      build() {
        if (!spec.criteria) throw new Error('Exception: a conditional format rule needs a condition');
        if (spec.ranges.length === 0) throw new Error('Exception: a conditional format rule needs ranges');
        void sheetForRanges;
        return ruleFacade({
          ...spec,
          values: spec.values.slice(),
          ranges: spec.ranges.map((b) => ({ ...b })),
        });
      },
    });
  };

  const validationFacade = (spec: ValidationSpec): GoogleAppsScript.Spreadsheet.DataValidation =>
    f('Spreadsheet.DataValidation', {
      __spec: spec,
      getCriteriaType: () => enumValue('Spreadsheet.DataValidationCriteria', spec.criteria),
      getCriteriaValues: () => spec.args.slice(),
      getAllowInvalid: () => spec.allowInvalid,
      getHelpText: () => spec.helpText,
    }) as unknown as GoogleAppsScript.Spreadsheet.DataValidation;

  const validationBuilder = () => {
    const spec: ValidationSpec = { criteria: '', args: [], allowInvalid: true, helpText: null };
    return f('Spreadsheet.DataValidationBuilder', {
      requireValueInList(values: string[], showDropdown?: boolean) {
        spec.criteria = 'VALUE_IN_LIST';
        spec.args = [values.slice(), showDropdown !== false];
        return this;
      },
      requireNumberBetween(a: number, b: number) {
        spec.criteria = 'NUMBER_BETWEEN';
        spec.args = [a, b];
        return this;
      },
      setAllowInvalid(allow: boolean) {
        spec.allowInvalid = allow;
        return this;
      },
      setHelpText(text: string) {
        spec.helpText = text;
        return this;
      },
      build() {
        if (!spec.criteria) throw new Error('Exception: a data validation needs a criterion');
        return validationFacade({ ...spec, args: JSON.parse(JSON.stringify(spec.args)) });
      },
    });
  };

  const validationSpecOf = (v: unknown): ValidationSpec | null => {
    if (v === null || v === undefined) return null;
    const s = inner<{ __spec?: ValidationSpec }>(v).__spec;
    if (!s) throw new Error('setDataValidation: not a validation built by the fake');
    return { ...s, args: JSON.parse(JSON.stringify(s.args)) };
  };

  const metadataFacade = (m: MetadataSpec): GoogleAppsScript.Spreadsheet.DeveloperMetadata =>
    f('Spreadsheet.DeveloperMetadata', {
      getId: () => m.id,
      getKey: () => m.key,
      getValue: () => m.value,
      getVisibility: () => enumValue('Spreadsheet.DeveloperMetadataVisibility', 'DOCUMENT'),
      setValue(value: string) {
        m.value = String(value);
        return this;
      },
      remove: () => {
        model.metadata = model.metadata.filter((x) => x !== m);
      },
      getLocation: () =>
        f('Spreadsheet.DeveloperMetadataLocation', {
          getLocationType: () => enumValue('Spreadsheet.DeveloperMetadataLocationType', m.location.type),
          getSheet: () => (m.location.type === 'SHEET' ? sheetFacade(model.sheet(m.location.sheetId)) : null),
          getColumn: () => {
            const l = m.location;
            if (l.type !== 'COLUMN') return null;
            const s = model.sheet(l.sheetId);
            return rangeFacade(s, { row: 1, column: l.column, rows: s.maxRows, columns: 1 });
          },
          getRow: () => {
            const l = m.location;
            if (l.type !== 'ROW') return null;
            const s = model.sheet(l.sheetId);
            return rangeFacade(s, { row: l.row, column: 1, rows: 1, columns: s.maxColumns });
          },
          getSpreadsheet: () => (m.location.type === 'SPREADSHEET' ? spreadsheetFacade() : null),
        }),
    }) as unknown as GoogleAppsScript.Spreadsheet.DeveloperMetadata;

  const finder = (scope: (l: MetadataLocation) => boolean) => {
    let key: string | null = null;
    let value: string | null = null;
    return f('Spreadsheet.DeveloperMetadataFinder', {
      withKey(k: string) {
        key = k;
        return this;
      },
      withValue(v: string) {
        value = v;
        return this;
      },
      find: () =>
        model.metadata
          .filter(
            (m) =>
              scope(m.location) && (key === null || m.key === key) && (value === null || m.value === value),
          )
          .map(metadataFacade),
    });
  };

  const rangeFacade = (
    sheet: SheetModel,
    box: Box,
    kind: 'cells' | 'column' | 'row' = 'cells',
  ): GoogleAppsScript.Spreadsheet.Range => {
    const each = <T>(fn: (r: number, c: number) => T): T[][] => {
      const out: T[][] = [];
      for (let r = 0; r < box.rows; r++) {
        const row: T[] = [];
        for (let c = 0; c < box.columns; c++) row.push(fn(box.row + r, box.column + c));
        out.push(row);
      }
      return out;
    };
    const checkShape = (values: unknown[][], what: string): void => {
      if (!Array.isArray(values) || values.length !== box.rows)
        throw new Error(
          `Exception: The number of rows in the ${what} does not match the number of rows in the range. The ${what} has ${values?.length} but the range has ${box.rows}.`,
        );
      for (const row of values)
        if (!Array.isArray(row) || row.length !== box.columns)
          throw new Error(
            `Exception: The number of columns in the ${what} does not match the number of columns in the range. The ${what} has ${row?.length} but the range has ${box.columns}.`,
          );
    };
    const setAll = (fn: (r: number, c: number) => void): void => {
      for (let r = 0; r < box.rows; r++)
        for (let c = 0; c < box.columns; c++) fn(box.row + r, box.column + c);
    };
    // setValues/setValue behave like typing the text in (typed-input.ts).
    const type = (r: number, c: number, v: unknown): void => {
      const cell = sheet.edit(r, c);
      const t = typedInput(v, model.locale, model.timeZone, cell.numberFormat, (ms) => new world.vmDate(ms));
      cell.value = t.value;
      cell.formula = t.formula;
    };
    const display = (v: unknown): string => {
      if (isDate(v)) {
        const iso = isoInTimeZone(v, model.timeZone);
        return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
      }
      if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
      return v === null || v === undefined ? '' : String(v);
    };
    return f('Spreadsheet.Range', {
      __box: box,
      __sheet: sheet,
      getRow: () => box.row,
      getColumn: () => box.column,
      getNumRows: () => box.rows,
      getNumColumns: () => box.columns,
      getLastRow: () => box.row + box.rows - 1,
      getLastColumn: () => box.column + box.columns - 1,
      getA1Notation: () =>
        kind === 'column' ? `${letters(box.column)}:${letters(box.column + box.columns - 1)}` : a1(box),
      getSheet: () => sheetFacade(sheet),
      getValues: () => each((r, c) => toVm(sheet.value(r, c))),
      getValue: () => toVm(sheet.value(box.row, box.column)),
      getDisplayValues: () => each((r, c) => display(sheet.value(r, c))),
      getDisplayValue: () => display(sheet.value(box.row, box.column)),
      setValues(values: unknown[][]) {
        checkShape(values, 'data');
        setAll((r, c) => {
          const v = values[r - box.row][c - box.column];
          if (v !== '' || sheet.cell(r, c)) type(r, c, v);
        });
        return this;
      },
      setValue(v: unknown) {
        setAll((r, c) => type(r, c, v));
        return this;
      },
      getFormulas: () => each((r, c) => sheet.cell(r, c)?.formula ?? ''),
      getNumberFormats: () => each((r, c) => sheet.cell(r, c)?.numberFormat ?? 'General'),
      setNumberFormat(format: string) {
        setAll((r, c) => {
          sheet.edit(r, c).numberFormat = format;
        });
        return this;
      },
      getBackgrounds: () => each((r, c) => sheet.cell(r, c)?.background ?? '#ffffff'),
      getBackground: () => sheet.cell(box.row, box.column)?.background ?? '#ffffff',
      setBackground(color: string | null) {
        setAll((r, c) => {
          sheet.edit(r, c).background = color;
        });
        return this;
      },
      setBackgrounds(colors: (string | null)[][]) {
        checkShape(colors, 'data');
        setAll((r, c) => {
          sheet.edit(r, c).background = colors[r - box.row][c - box.column];
        });
        return this;
      },
      getFontColors: () => each((r, c) => sheet.cell(r, c)?.fontColor ?? '#000000'),
      setFontColor(color: string | null) {
        setAll((r, c) => {
          sheet.edit(r, c).fontColor = color;
        });
        return this;
      },
      setFontWeight(w: string | null) {
        setAll((r, c) => {
          sheet.edit(r, c).fontWeight = w;
        });
        return this;
      },
      setFontSize(n: number) {
        setAll((r, c) => {
          sheet.edit(r, c).fontSize = n;
        });
        return this;
      },
      setWrap(w: boolean) {
        setAll((r, c) => {
          sheet.edit(r, c).wrap = w;
        });
        return this;
      },
      setVerticalAlignment(a: string | null) {
        setAll((r, c) => {
          sheet.edit(r, c).verticalAlignment = a;
        });
        return this;
      },
      getNotes: () => each((r, c) => sheet.cell(r, c)?.note ?? ''),
      getNote: () => sheet.cell(box.row, box.column)?.note ?? '',
      setNote(note: string | null) {
        setAll((r, c) => {
          sheet.edit(r, c).note = note ?? '';
        });
        return this;
      },
      getDataValidations: () =>
        each((r, c) => {
          const v = sheet.cell(r, c)?.validation;
          return v ? validationFacade(v) : null;
        }),
      getDataValidation: () => {
        const v = sheet.cell(box.row, box.column)?.validation;
        return v ? validationFacade(v) : null;
      },
      setDataValidation(rule: unknown) {
        const spec = validationSpecOf(rule);
        setAll((r, c) => {
          if (spec || sheet.cell(r, c)) sheet.edit(r, c).validation = spec ? { ...spec } : null;
        });
        return this;
      },
      setDataValidations(rules: unknown[][]) {
        checkShape(rules, 'data validations');
        setAll((r, c) => {
          const spec = validationSpecOf(rules[r - box.row][c - box.column]);
          if (spec || sheet.cell(r, c)) sheet.edit(r, c).validation = spec;
        });
        return this;
      },
      merge() {
        sheet.merges.push({ ...box });
        for (let r = 0; r < box.rows; r++)
          for (let c = 0; c < box.columns; c++)
            if (r || c) sheet.edit(box.row + r, box.column + c).value = '';
        return this;
      },
      getMergedRanges: () =>
        sheet.merges
          .filter(
            (m) =>
              m.row < box.row + box.rows &&
              m.row + m.rows > box.row &&
              m.column < box.column + box.columns &&
              m.column + m.columns > box.column,
          )
          .map((m) => rangeFacade(sheet, { ...m })),
      isPartOfMerge: () =>
        sheet.merges.some(
          (m) =>
            m.row < box.row + box.rows &&
            m.row + m.rows > box.row &&
            m.column < box.column + box.columns &&
            m.column + m.columns > box.column,
        ),
      activate() {
        model.activeSheetId = sheet.id;
        model.active = { ...box };
        return this;
      },
      addDeveloperMetadata(key: string, value?: string) {
        let location: MetadataLocation;
        if (kind === 'column' && box.columns === 1)
          location = { type: 'COLUMN', sheetId: sheet.id, column: box.column };
        else if (kind === 'row' && box.rows === 1)
          location = { type: 'ROW', sheetId: sheet.id, row: box.row };
        else
          throw new Error(
            'Exception: developer metadata goes on a whole row or column (e.g. getRange("H:H")), not on cells',
          );
        model.addMetadata(key, value ?? null, location);
        return this;
      },
    }) as unknown as GoogleAppsScript.Spreadsheet.Range;
  };

  const sheetFacade = (sheet: SheetModel): GoogleAppsScript.Spreadsheet.Sheet =>
    f('Spreadsheet.Sheet', {
      getName: () => sheet.name,
      setName(name: string) {
        sheet.name = name;
        return this;
      },
      getSheetId: () => sheet.id,
      getIndex: () => model.sheets.indexOf(sheet) + 1,
      getParent: () => spreadsheetFacade(),
      getMaxRows: () => sheet.maxRows,
      getMaxColumns: () => sheet.maxColumns,
      getLastRow: () => sheet.extent().rows,
      getLastColumn: () => sheet.extent().columns,
      getDataRange: () => {
        const e = sheet.extent();
        return rangeFacade(sheet, {
          row: 1,
          column: 1,
          rows: Math.max(1, e.rows),
          columns: Math.max(1, e.columns),
        });
      },
      // −1 rows or columns: through the last row or column with data (Apps Script's reference).
      getSheetValues(row: number, column: number, rows: number, columns: number) {
        const e = sheet.extent();
        const box = {
          row,
          column,
          rows: rows === -1 ? e.rows - row + 1 : rows,
          columns: columns === -1 ? e.columns - column + 1 : columns,
        };
        if (box.rows < 1 || box.columns < 1)
          throw new Error('Exception: The number of rows in the range must be at least 1.');
        const values: unknown[][] = [];
        for (let r = 0; r < box.rows; r++) {
          const line: unknown[] = [];
          for (let c = 0; c < box.columns; c++) line.push(toVm(sheet.value(box.row + r, box.column + c)));
          values.push(line);
        }
        return values;
      },
      getRange(a: number | string, column?: number, rows?: number, columns?: number) {
        if (typeof a === 'string') {
          const p = parseA1(a, sheet);
          return rangeFacade(sheet, p.box, p.kind);
        }
        const box = { row: a, column: column ?? 1, rows: rows ?? 1, columns: columns ?? 1 };
        if (box.rows < 1 || box.columns < 1)
          throw new Error('Exception: The number of rows in the range must be at least 1.');
        if (box.row + box.rows - 1 > sheet.maxRows || box.column + box.columns - 1 > sheet.maxColumns)
          throw new Error(`Exception: Range ${a1(box)} is outside the sheet «${sheet.name}»`);
        return rangeFacade(sheet, box);
      },
      activate() {
        model.activeSheetId = sheet.id;
        return this;
      },
      insertColumnAfter(after: number) {
        sheet.insertColumnsAfter(after, 1, model.metadata);
        return this;
      },
      insertColumnsAfter(after: number, n: number) {
        sheet.insertColumnsAfter(after, n, model.metadata);
        return this;
      },
      deleteColumn(column: number) {
        model.metadata = sheet.deleteColumns(column, 1, model.metadata);
        return this;
      },
      insertRowBefore(before: number) {
        sheet.insertRowsBefore(before, 1, model.metadata);
        return this;
      },
      hideColumns(column: number, n = 1) {
        for (let c = column; c < column + n; c++)
          if (!sheet.hiddenColumns.includes(c)) sheet.hiddenColumns.push(c);
      },
      showColumns(column: number, n = 1) {
        sheet.hiddenColumns = sheet.hiddenColumns.filter((c) => c < column || c >= column + n);
      },
      isColumnHiddenByUser: (column: number) => sheet.hiddenColumns.includes(column),
      setColumnWidth(column: number, width: number) {
        sheet.columnWidths[column] = width;
        return this;
      },
      getColumnWidth: (column: number) => sheet.columnWidths[column] ?? 100,
      setFrozenRows(n: number) {
        sheet.frozenRows = n;
      },
      getFrozenRows: () => sheet.frozenRows,
      getRangeList: (a1s: string[]) => {
        const ranges = a1s.map((t) => {
          const p = parseA1(t, sheet);
          return rangeFacade(sheet, p.box, p.kind);
        });
        return f('Spreadsheet.RangeList', {
          getRanges: () => ranges.slice(),
          setNote(note: string | null) {
            for (const r of ranges) inner<{ setNote(n: string | null): void }>(r).setNote(note);
            return this;
          },
        });
      },
      getConditionalFormatRules: () => sheet.rules.map(ruleFacade),
      setConditionalFormatRules(rules: unknown[]) {
        sheet.rules = rules.map((r) => {
          const s = specOf(r);
          return { ...s, values: s.values.slice(), ranges: s.ranges.map((b) => ({ ...b })) };
        });
      },
      createDeveloperMetadataFinder: () => finder((l) => l.type !== 'SPREADSHEET' && l.sheetId === sheet.id),
      addDeveloperMetadata(key: string, value?: string) {
        model.addMetadata(key, value ?? null, { type: 'SHEET', sheetId: sheet.id });
        return this;
      },
    }) as unknown as GoogleAppsScript.Spreadsheet.Sheet;

  const spreadsheetFacade = (): GoogleAppsScript.Spreadsheet.Spreadsheet =>
    f('Spreadsheet.Spreadsheet', {
      getId: () => model.id,
      getName: () => model.name,
      getSpreadsheetTimeZone: () => model.timeZone,
      getSheets: () => model.sheets.map(sheetFacade),
      getSheetByName: (name: string) => {
        const s = model.sheets.find((x) => x.name === name);
        return s ? sheetFacade(s) : null;
      },
      getActiveSheet: () => sheetFacade(model.activeSheet()),
      getActiveRange: () => rangeFacade(model.activeSheet(), { ...model.active }),
      insertSheet(name?: string) {
        const s = model.addSheet(name ?? `Лист${model.sheets.length + 1}`);
        model.activeSheetId = s.id;
        return sheetFacade(s);
      },
      toast(message: string, title?: string) {
        world.ui.toasts.push({ message: String(message), title: String(title ?? '') });
      },
      createDeveloperMetadataFinder: () => finder(() => true),
      addDeveloperMetadata(key: string, value?: string) {
        model.addMetadata(key, value ?? null, { type: 'SPREADSHEET' });
        return this;
      },
    }) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;

  const menu = (title: string, addon: boolean) => {
    const items: MenuEntry[] = [];
    return f('Base.Menu', {
      __items: items,
      addItem(caption: string, fn: string) {
        items.push({ caption, fn });
        return this;
      },
      addSeparator() {
        items.push({ separator: true });
        return this;
      },
      addSubMenu(sub: GoogleAppsScript.Base.Menu) {
        const m = inner<{ __items: MenuEntry[]; __title: string }>(sub);
        items.push({ submenu: m.__title, items: m.__items });
        return this;
      },
      __title: title,
      addToUi() {
        world.ui.menus.push({ title: addon ? title : `[menu bar] ${title}`, items });
      },
    });
  };

  const ui = f('Base.Ui', {
    createAddonMenu: () => menu('Кластер', true),
    createMenu: (title: string) => menu(title, false),
    alert(title: string, message?: string, buttons?: GoogleAppsScript.Base.ButtonSet) {
      if (buttons === undefined || String(buttons) === 'OK') {
        world.ui.alerts.push({ title: String(title), message: String(message ?? '') });
        return enumValue('Base.Button', 'OK');
      }
      // A question: the test says the answer beforehand; none given is a test's mistake.
      world.ui.alerts.push({
        title: String(title),
        message: String(message ?? ''),
        buttons: String(buttons),
      });
      const answer = world.ui.answers.shift();
      if (!answer) throw new Error(`fake: no answer given for the question «${String(message)}»`);
      return enumValue('Base.Button', answer);
    },
    showSidebar(output: GoogleAppsScript.HTML.HtmlOutput) {
      const html = inner<HtmlOutputLike>(output);
      world.ui.sidebars.push({ title: html.getTitle(), html: html.getContent(), file: html.__file });
    },
    showModalDialog(output: GoogleAppsScript.HTML.HtmlOutput, title: string) {
      const html = inner<HtmlOutputLike>(output);
      world.ui.dialogs.push({
        title,
        html: html.getContent(),
        file: html.__file,
        width: html.__width,
        height: html.__height,
      });
    },
  });

  return f('Spreadsheet.SpreadsheetApp', {
    getActiveSpreadsheet: active,
    getActive: active,
    getActiveSheet: () => {
      if (world.context === 'time') throw new Error('Exception: There is no active sheet in this context.');
      return sheetFacade(model.activeSheet());
    },
    // The world holds one document: any other id is one the user cannot open.
    openById: (id: string) => {
      if (id !== model.id)
        throw new Error(
          'Exception: No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.',
        );
      return spreadsheetFacade();
    },
    getUi: () => ui,
    newConditionalFormatRule: () => ruleBuilder(),
    newDataValidation: () => validationBuilder(),
    flush: () => undefined,
  }) as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}
