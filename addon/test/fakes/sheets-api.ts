// The Sheets advanced service (`Sheets.Spreadsheets.get` / `getByDataFilter` / `batchUpdate`) over
// the SAME in-memory model as the SpreadsheetApp fake, checked against the surface generated from
// @types/google-apps-script/apis/sheets_v4.d.ts like every other fake (declared but unimplemented
// methods throw). What it takes from the Sheets API v4 reference:
// - every call is one backend round trip (calls.ts counts `get*` as a read, `batchUpdate` as a write);
// - `fields` is a field mask: only the fields asked for come back, and reading a field that was not
//   asked for is recorded as a violation (the real API would return nothing there);
// - JSON omits default values: 0 indexes, false, '' are absent (GridRange.startRowIndex 0 is missing);
// - GridRange indexes are 0-based, end-exclusive; dates are serial numbers (days since 1899-12-30)
//   with a DATE number format; updateCells' userEnteredValue.stringValue stays a string (it is not
//   parsed as typed input — that is what USER_ENTERED of the Values API would do, not updateCells);
// - a batchUpdate is atomic: one invalid request and nothing is applied; requests the fake does not
//   implement throw; developer metadata ids are unique in the spreadsheet (creating a taken id fails).
import { isoInTimeZone } from '@cluster/shared';
import { type CallLog, facade } from './calls.ts';
import { parseFormula } from './formula.ts';
import {
  type Box,
  type CellData,
  type MetadataLocation,
  type MetadataSpec,
  type RuleSpec,
  type SheetModel,
  type SpreadsheetModel,
  type ValidationSpec,
  zoneOffsetMs,
} from './model.ts';

const S = 'Sheets';

interface SheetsApiWorld {
  log: CallLog;
  model: SpreadsheetModel;
}

type Json = Record<string, unknown>;

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

// ---- field masks -------------------------------------------------------------------------------

/** A parsed field mask: true = the whole field; otherwise its sub-fields. */
export type Mask = true | Map<string, Mask>;

/** Parses `a,b(c,d/e),f.g` (Google's field-mask syntax: `.` or `/` for paths, `()` for groups). */
export function parseMask(text: string): Mask {
  let i = 0;
  // One field with what follows it: a sub-path, a group, or nothing (the whole field).
  const field = (): [string, Mask] => {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (!m) throw new Error(`Sheets: invalid field mask at «${text.slice(i)}» in ${text}`);
    i += m[0].length;
    if (text[i] === '.' || text[i] === '/') {
      i++;
      const [k, sub] = field();
      return [m[0], new Map([[k, sub]])];
    }
    if (text[i] !== '(') return [m[0], true];
    i++;
    const inner = list();
    if (text[i] !== ')') throw new Error(`Sheets: unbalanced field mask: ${text}`);
    i++;
    return [m[0], inner];
  };
  const list = (): Map<string, Mask> => {
    const out = new Map<string, Mask>();
    for (;;) {
      const [k, sub] = field();
      merge(out, k, sub);
      if (text[i] !== ',') return out;
      i++;
    }
  };
  const out = list();
  if (i !== text.length) throw new Error(`Sheets: invalid field mask at «${text.slice(i)}» in ${text}`);
  return out;
}

function merge(into: Map<string, Mask>, key: string, sub: Mask): void {
  const had = into.get(key);
  if (had === undefined) into.set(key, sub);
  else if (had === true || sub === true) into.set(key, true);
  else for (const [k, v] of sub) merge(had, k, v);
}

/** The sub-mask of `key` (true: all of it; undefined: not asked for). */
const field = (mask: Mask | undefined, key: string): Mask | undefined =>
  mask === true ? true : mask?.get(key);

/**
 * The parts of `value` the mask asks for (arrays: each element), as the add-in sees them: reading a
 * field outside the mask is a violation (the real response would not have it, and the add-in would
 * silently get undefined). Each object of the answer is a plain copy of its asked-for fields whose
 * prototype is one Proxy per mask node (Guard.proto): a field the object has is an ordinary read,
 * and only a read that misses (a field left out by the mask, or asked for but empty) reaches the
 * guard. No Proxy per object: an answer of 30,000 cells stays cheap to build and to read.
 */
function pick(value: unknown, mask: Mask, guard: Guard | null): unknown {
  if (mask === true || value === null || typeof value !== 'object' || !guard) return value;
  if (Array.isArray(value)) {
    const items = guard.items();
    return value.map((v) => pick(v, mask, items));
  }
  // Filled first, then given its guard: a store into an object whose prototype is a Proxy would
  // go through the Proxy for every new field.
  const out: Json = {};
  const { keys, masks, guards } = guard;
  for (let i = 0; i < keys.length; i++) {
    const v = (value as Json)[keys[i]];
    if (v !== undefined) out[keys[i]] = pick(v, masks[i], guards[i]);
  }
  return Object.setPrototypeOf(out, guard.proto);
}

/** One mask node of one answer at one path: its objects' prototype and its sub-fields' guards. */
class Guard {
  readonly proto: object;
  readonly keys: string[];
  readonly masks: Mask[];
  readonly guards: (Guard | null)[];
  private elements: Guard | null = null;
  private readonly mask: Map<string, Mask>;
  private readonly path: string;
  private readonly log: CallLog;

  constructor(mask: Map<string, Mask>, path: string, log: CallLog) {
    this.mask = mask;
    this.path = path;
    this.log = log;
    this.keys = [...mask.keys()];
    this.masks = [...mask.values()];
    this.guards = this.keys.map((k, i) => {
      const sub = this.masks[i];
      return sub === true ? null : new Guard(sub, `${path}.${k}`, log);
    });
    this.proto = new Proxy(Object.create(Object.prototype) as object, {
      // Only reads the object itself does not answer get here (receiver: the answer's object).
      get(target, prop, receiver) {
        if (typeof prop !== 'string' || PASS.has(prop)) return Reflect.get(target, prop, receiver);
        if (!mask.has(prop))
          log.violations.push(`Sheets: ${path}.${prop} read but not asked for in the fields mask`);
        return undefined;
      },
    });
  }

  /** The guard of an array's elements (the path gains `[]`). */
  items(): Guard {
    this.elements ??= new Guard(this.mask, `${this.path}[]`, this.log);
    return this.elements;
  }
}
const PASS = new Set(['toJSON', 'then', 'constructor', 'asymmetricMatch', '$$typeof', 'nodeType']);

// ---- model ↔ API shapes ------------------------------------------------------------------------

/** ExtendedValue's fields are a oneof: present even when 0, false or ''. */
const ONEOF = new Set(['numberValue', 'boolValue', 'stringValue']);

/** Drops the default values proto3 JSON leaves out (0, false, '') and empty objects. */
function compact<T>(o: T): T {
  if (Array.isArray(o)) return o.map(compact) as T;
  if (o === null || typeof o !== 'object') return o;
  const out: Json = {};
  for (const [k, v] of Object.entries(o as Json)) {
    if (v === undefined || ((v === 0 || v === false || v === '') && !ONEOF.has(k))) continue;
    const c = compact(v);
    if (c && typeof c === 'object' && !Array.isArray(c) && Object.keys(c).length === 0) continue;
    out[k] = c;
  }
  return out as T;
}

export function gridRange(sheetId: number, b: Box): Json {
  return {
    sheetId,
    startRowIndex: b.row - 1,
    endRowIndex: b.row - 1 + b.rows,
    startColumnIndex: b.column - 1,
    endColumnIndex: b.column - 1 + b.columns,
  };
}

function boxOf(r: Json, sheet: SheetModel): Box {
  const n = (k: string, dflt: number): number => {
    const v = r[k];
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
      throw new Error(`Sheets: GridRange.${k} must be a non-negative integer, got ${String(v)}`);
    return v;
  };
  const sr = n('startRowIndex', 0);
  const er = n('endRowIndex', sheet.maxRows);
  const sc = n('startColumnIndex', 0);
  const ec = n('endColumnIndex', sheet.maxColumns);
  if (er <= sr || ec <= sc || er > sheet.maxRows || ec > sheet.maxColumns)
    throw new Error(
      `Sheets: Invalid requests: range ${JSON.stringify(r)} is empty or exceeds grid limits (${sheet.maxRows}×${sheet.maxColumns})`,
    );
  return { row: sr + 1, column: sc + 1, rows: er - sr, columns: ec - sc };
}

function colorOf(hex: string | null | undefined): Json | undefined {
  if (!hex) return undefined;
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return undefined;
  return { red: parseInt(m[1], 16) / 255, green: parseInt(m[2], 16) / 255, blue: parseInt(m[3], 16) / 255 };
}

function hexOf(c: unknown): string | null {
  if (!c || typeof c !== 'object') return null;
  const x = c as { red?: number; green?: number; blue?: number };
  const h = (v = 0): string =>
    Math.round(v * 255)
      .toString(16)
      .padStart(2, '0')
      .toUpperCase();
  return `#${h(x.red)}${h(x.green)}${h(x.blue)}`;
}

/** SpreadsheetApp's BooleanCriteria as the API's ConditionType. */
const CONDITION: Record<string, string> = {
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
  CELL_NOT_EMPTY: 'NOT_BLANK',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER',
};
const CRITERIA = Object.fromEntries(Object.entries(CONDITION).map(([k, v]) => [v, k]));

function ruleJson(sheetId: number, r: RuleSpec): Json {
  return {
    ranges: r.ranges.map((b) => gridRange(sheetId, b)),
    booleanRule: {
      condition: {
        type: CONDITION[r.criteria] ?? fail(`conditional rule ${r.criteria} not implemented in the fake`),
        values: r.values.map((v) => ({ userEnteredValue: String(v) })),
      },
      format: {
        backgroundColor: colorOf(r.background),
        textFormat: {
          foregroundColor: colorOf(r.fontColor),
          bold: r.bold ?? undefined,
          italic: r.italic ?? undefined,
          strikethrough: r.strikethrough ?? undefined,
          underline: r.underline ?? undefined,
        },
      },
    },
  };
}

function ruleSpec(rule: Json, sheet: SheetModel): RuleSpec {
  const b = rule.booleanRule as Json | undefined;
  if (!b) throw new Error('Sheets: only boolean conditional format rules are implemented in the fake');
  const cond = (b.condition ?? {}) as { type?: string; values?: { userEnteredValue?: string }[] };
  const criteria = CRITERIA[cond.type ?? ''];
  if (!criteria) throw new Error(`Sheets: condition ${cond.type} not implemented in the fake`);
  const values = (cond.values ?? []).map((v) => v.userEnteredValue ?? '');
  if (criteria === 'CUSTOM_FORMULA') parseFormula(String(values[0]));
  const format = (b.format ?? {}) as {
    backgroundColor?: unknown;
    backgroundColorStyle?: { rgbColor?: unknown };
    textFormat?: Json;
  };
  const tf = format.textFormat ?? {};
  const ranges = ((rule.ranges ?? []) as Json[]).map((r) => {
    if (r.sheetId !== sheet.id) throw new Error("Sheets: a rule's ranges must be on the rule's sheet");
    return boxOf(r, sheet);
  });
  if (ranges.length === 0) throw new Error('Sheets: a conditional format rule needs ranges');
  return {
    criteria,
    values,
    background: hexOf(format.backgroundColorStyle?.rgbColor ?? format.backgroundColor),
    fontColor: hexOf(tf.foregroundColor),
    bold: typeof tf.bold === 'boolean' ? tf.bold : null,
    italic: typeof tf.italic === 'boolean' ? tf.italic : null,
    strikethrough: typeof tf.strikethrough === 'boolean' ? tf.strikethrough : null,
    underline: typeof tf.underline === 'boolean' ? tf.underline : null,
    ranges,
  };
}

function validationJson(v: ValidationSpec): Json {
  if (v.criteria === 'VALUE_IN_LIST')
    return {
      condition: {
        type: 'ONE_OF_LIST',
        values: (v.args[0] as string[]).map((x) => ({ userEnteredValue: x })),
      },
      strict: !v.allowInvalid,
      showCustomUi: v.args[1] !== false,
      inputMessage: v.helpText ?? undefined,
    };
  if (v.criteria === 'NUMBER_BETWEEN')
    return {
      condition: { type: 'NUMBER_BETWEEN', values: v.args.map((x) => ({ userEnteredValue: String(x) })) },
      strict: !v.allowInvalid,
      inputMessage: v.helpText ?? undefined,
    };
  return fail(`data validation ${v.criteria} not implemented in the fake`);
}

function validationSpec(rule: Json | undefined): ValidationSpec | null {
  if (!rule) return null; // no rule clears the validation
  const cond = (rule.condition ?? {}) as { type?: string; values?: { userEnteredValue?: string }[] };
  if (cond.type !== 'ONE_OF_LIST')
    throw new Error(`Sheets: data validation ${cond.type} not implemented in the fake`);
  return {
    criteria: 'VALUE_IN_LIST',
    args: [(cond.values ?? []).map((x) => x.userEnteredValue ?? ''), rule.showCustomUi === true],
    allowInvalid: rule.strict !== true,
    helpText: typeof rule.inputMessage === 'string' ? rule.inputMessage : null,
  };
}

function metadataJson(m: MetadataSpec, model: SpreadsheetModel): Json {
  const l = m.location;
  const location: Json =
    l.type === 'SPREADSHEET'
      ? { locationType: 'SPREADSHEET', spreadsheet: true }
      : l.type === 'SHEET'
        ? { locationType: 'SHEET', sheetId: l.sheetId }
        : {
            locationType: l.type,
            dimensionRange: {
              sheetId: l.sheetId,
              dimension: l.type === 'COLUMN' ? 'COLUMNS' : 'ROWS',
              startIndex: (l.type === 'COLUMN' ? l.column : l.row) - 1,
              endIndex: l.type === 'COLUMN' ? l.column : l.row,
            },
          };
  void model;
  return {
    metadataId: m.id,
    metadataKey: m.key,
    metadataValue: m.value ?? undefined,
    location,
    visibility: 'DOCUMENT',
  };
}

function fail(message: string): never {
  throw new Error(`Sheets: ${message}`);
}

// ---- the service -------------------------------------------------------------------------------

export function createSheetsService(world: SheetsApiWorld): GoogleAppsScript.Sheets {
  const { log, model } = world;
  const f = <T extends object>(cls: string, impl: T): T => facade(log, S, cls, impl);

  const requireId = (id: string): void => {
    if (id !== model.id) throw new Error(`Sheets: Requested entity was not found (spreadsheet ${id}).`);
  };

  /** Days since 30.12.1899 (1900 not a leap year: the reference's SERIAL_NUMBER), time as the fraction. */
  const serialOf = (v: Date): number => {
    const key = `${v.getTime()}@${model.timeZone}`;
    let serial = serials.get(key);
    if (serial === undefined) {
      const local = v.getTime() + zoneOffsetMs(v, model.timeZone);
      const day = isoInTimeZone(v, model.timeZone);
      const days = (Date.parse(`${day}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
      serial = days + (((local % 86_400_000) + 86_400_000) % 86_400_000) / 86_400_000;
      serials.set(key, serial); // a sheet repeats its dates: two zone look-ups per distinct one
    }
    return serial;
  };
  const serials = new Map<string, number>();

  /**
   * A cell's fields `want` asks for (the answer's `pick` then keeps exactly those), and whether it
   * holds anything at all (the API leaves out trailing empty cells and rows, whatever the mask).
   * A value as the API types it: a Date is a serial with a DATE format.
   */
  const cellJson = (c: CellData | undefined, want: Mask): { json: Json; filled: boolean } => {
    const out: Json = {};
    if (!c) return { json: out, filled: false };
    const has = (k: string): boolean => want === true || want.has(k);
    const v = c.value;
    let value: Json | undefined;
    let type: string | undefined;
    if (isDate(v)) {
      const serial = serialOf(v);
      value = { numberValue: serial };
      type = serial % 1 === 0 ? 'DATE' : 'DATE_TIME';
    } else if (typeof v === 'number') value = { numberValue: v };
    else if (typeof v === 'boolean') value = { boolValue: v };
    else if (typeof v === 'string' && v !== '') value = { stringValue: v };
    if (c.numberFormat === '@') type = 'TEXT';
    // Only what the cell has (JSON leaves out the rest), built directly: a sheet has many cells.
    if (has('userEnteredValue')) {
      if (c.formula) out.userEnteredValue = { formulaValue: c.formula };
      else if (value) out.userEnteredValue = value;
    }
    if (value && has('effectiveValue')) out.effectiveValue = value;
    if (value && has('formattedValue')) out.formattedValue = String(Object.values(value)[0]);
    if (type && has('userEnteredFormat')) out.userEnteredFormat = { numberFormat: { type } };
    if (type && has('effectiveFormat')) out.effectiveFormat = { numberFormat: { type } };
    if (c.validation && has('dataValidation')) out.dataValidation = compact(validationJson(c.validation));
    if (c.note && has('note')) out.note = c.note;
    return { json: out, filled: Boolean(c.formula || value || type || c.validation || c.note) };
  };

  /** A sheet's JSON: every field of `want` (and maybe more; the grid's cells only if it asks for them). */
  const sheetJson = (s: SheetModel, box: Box | null, want: Mask | undefined): Json => {
    // Rows and cells past the last one with anything in them are not sent (as the API does).
    const top = box ? box.row : 1;
    const left = box ? box.column : 1;
    const bottom = Math.min(box ? box.row + box.rows - 1 : s.maxRows, s.rows.length);
    const right = box ? Math.min(box.column + box.columns - 1, s.maxColumns) : s.maxColumns;
    const rowData: Json[] = [];
    const cellsWanted = field(field(field(want, 'data'), 'rowData'), 'values');
    for (let r = top; cellsWanted && r <= bottom; r++) {
      const row = s.rows[r - 1] ?? [];
      const values: Json[] = [];
      let width = 0;
      for (let c = left; c <= Math.min(right, row.length); c++) {
        const cell = cellJson(row[c - 1], cellsWanted);
        values.push(cell.json);
        if (cell.filled) width = values.length;
      }
      values.length = width;
      rowData.push(values.length ? { values } : {});
    }
    while (rowData.length && Object.keys(rowData[rowData.length - 1]).length === 0) rowData.pop();
    const columnMetadata: Json[] = [];
    for (let c = left; field(field(want, 'data'), 'columnMetadata') && c <= right; c++)
      columnMetadata.push({
        hiddenByUser: s.hiddenColumns.includes(c),
        pixelSize: s.columnWidths[c] ?? 100,
        developerMetadata: model.metadata
          .filter(
            (m) => m.location.type === 'COLUMN' && m.location.sheetId === s.id && m.location.column === c,
          )
          .map((m) => metadataJson(m, model)),
      });
    const json: Json = compact({
      properties: {
        sheetId: s.id,
        title: s.name,
        index: model.sheets.indexOf(s),
        sheetType: 'GRID',
        gridProperties: { rowCount: s.maxRows, columnCount: s.maxColumns, frozenRowCount: s.frozenRows },
      },
      conditionalFormats: s.rules.map((r) => ruleJson(s.id, r)),
      developerMetadata: model.metadata
        .filter((m) => m.location.type === 'SHEET' && m.location.sheetId === s.id)
        .map((m) => metadataJson(m, model)),
      merges: s.merges.map((b) => gridRange(s.id, b)),
    });
    // The cells are compact already (cellJson).
    json.data = [{ ...compact({ startRow: top - 1, startColumn: left - 1, columnMetadata }), rowData }];
    return json;
  };

  /**
   * The spreadsheet as the API returns it, only the sheets (and parts) `boxes` select (all when
   * null). Built for `want`, the request's field mask: what it does not ask for may be left out.
   */
  const spreadsheetJson = (boxes: { sheet: SheetModel; box: Box | null }[] | null, want: Mask): Json => ({
    ...compact({
      spreadsheetId: model.id,
      properties: { title: model.name, timeZone: model.timeZone, locale: model.locale },
      developerMetadata: model.metadata
        .filter((m) => m.location.type === 'SPREADSHEET')
        .map((m) => metadataJson(m, model)),
    }),
    sheets: (boxes ?? model.sheets.map((sheet) => ({ sheet, box: null }))).map((x) =>
      sheetJson(x.sheet, x.box, field(want, 'sheets')),
    ),
  });

  /** The answer to a read: built once from the model for its field mask, then exactly that kept. */
  const answer = (build: (mask: Mask) => Json, optionalArgs: unknown, what: string): unknown => {
    const fields = (optionalArgs as { fields?: unknown } | undefined)?.fields;
    if (typeof fields !== 'string' || !fields)
      throw new Error(`Sheets: ${what} without a fields mask: the add-in must ask for what it reads`);
    const mask = parseMask(fields);
    return pick(build(mask), mask, mask === true ? null : new Guard(mask, what, log));
  };

  const sheetOf = (id: unknown): SheetModel => {
    const s = model.sheets.find((x) => x.id === id);
    if (!s) throw new Error(`Sheets: Invalid requests: No grid with id: ${String(id)}`);
    return s;
  };

  const Spreadsheets = f('Sheets.Collection.SpreadsheetsCollection', {
    DeveloperMetadata: f('Sheets.Collection.Spreadsheets.DeveloperMetadataCollection', {}),
    Sheets: f('Sheets.Collection.Spreadsheets.SheetsCollection', {}),
    Values: f('Sheets.Collection.Spreadsheets.ValuesCollection', {}),
    get(spreadsheetId: string, optionalArgs?: object) {
      requireId(spreadsheetId);
      const ranges = (optionalArgs as { ranges?: unknown } | undefined)?.ranges;
      if (ranges !== undefined) fail('get with ranges is not implemented in the fake (use getByDataFilter)');
      return answer((mask) => spreadsheetJson(null, mask), optionalArgs, 'Spreadsheets.get');
    },
    getByDataFilter(resource: { dataFilters?: Json[] }, spreadsheetId: string, optionalArgs?: object) {
      requireId(spreadsheetId);
      const selected: { sheet: SheetModel; box: Box | null }[] = [];
      for (const filter of resource?.dataFilters ?? []) {
        const g = filter.gridRange as Json | undefined;
        if (!g) fail('only gridRange data filters are implemented in the fake');
        const sheet = sheetOf(g.sheetId);
        const whole = ['startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex'].every(
          (k) => g[k] === undefined,
        );
        selected.push({ sheet, box: whole ? null : boxOf(g, sheet) });
      }
      if (selected.length === 0) fail('getByDataFilter needs dataFilters');
      // Sheets the filters do not touch are not in the answer.
      return answer((mask) => spreadsheetJson(selected, mask), optionalArgs, 'Spreadsheets.getByDataFilter');
    },
    batchUpdate(resource: { requests?: Json[] }, spreadsheetId: string) {
      requireId(spreadsheetId);
      const requests = resource?.requests ?? [];
      if (!Array.isArray(requests) || requests.length === 0) fail('batchUpdate needs requests');
      const saved = saveModel(model);
      try {
        const replies = requests.map((r) => applyRequest(r, saved.edit));
        return { spreadsheetId: model.id, replies };
      } catch (e) {
        saved.undo();
        throw e;
      }
    },
  });

  const metadataTaken = (id: number): boolean => model.metadata.some((m) => m.id === id);

  const lookup = (filter: Json | undefined): MetadataSpec[] => {
    const l = filter?.developerMetadataLookup as Json | undefined;
    if (!l || typeof l.metadataId !== 'number')
      fail('only developerMetadataLookup by metadataId is implemented in the fake');
    return model.metadata.filter((m) => m.id === l.metadataId);
  };

  /** A DimensionRange of columns: its sheet and 0-based [start, end). */
  function columnSpan(kind: string, range: Json): { sheet: SheetModel; start: number; end: number } {
    const sheet = sheetOf(range.sheetId);
    if (range.dimension !== 'COLUMNS') fail(`${kind}: only COLUMNS is implemented in the fake`);
    const start = Number(range.startIndex ?? 0);
    const end = Number(range.endIndex);
    if (!(end > start)) fail(`${kind}: invalid range`);
    return { sheet, start, end };
  }

  function applyRequest(
    request: Json,
    edit: (sheet: SheetModel, row: number, column: number) => CellData,
  ): Json {
    const kinds = Object.keys(request);
    if (kinds.length !== 1) fail(`a request must have exactly one kind, got ${kinds.join(', ')}`);
    const kind = kinds[0];
    const r = request[kind] as Json;
    switch (kind) {
      case 'insertDimension': {
        const { sheet, start, end } = columnSpan(kind, r.range as Json);
        if (start > sheet.maxColumns) fail('insertDimension: invalid range');
        sheet.insertColumnsAfter(start, end - start, model.metadata);
        return {};
      }
      case 'deleteDimension': {
        const { sheet, start, end } = columnSpan(kind, r.range as Json);
        if (end > sheet.maxColumns) fail('deleteDimension: invalid range');
        model.metadata = sheet.deleteColumns(start + 1, end - start, model.metadata);
        return {};
      }
      case 'updateDimensionProperties': {
        const range = r.range as Json;
        const sheet = sheetOf(range.sheetId);
        if (range.dimension !== 'COLUMNS' || r.fields !== 'hiddenByUser')
          fail('updateDimensionProperties: only COLUMNS hiddenByUser is implemented in the fake');
        const hidden = (r.properties as Json | undefined)?.hiddenByUser === true;
        for (let c = Number(range.startIndex ?? 0) + 1; c <= Number(range.endIndex); c++) {
          sheet.hiddenColumns = sheet.hiddenColumns.filter((x) => x !== c);
          if (hidden) sheet.hiddenColumns.push(c);
        }
        return {};
      }
      case 'updateCells': {
        const fields = String(r.fields ?? '');
        if (!fields) fail('updateCells needs fields');
        const mask = parseMask(fields);
        if (mask === true) fail('updateCells: fields "*" not implemented in the fake');
        for (const k of mask.keys())
          if (k !== 'userEnteredValue' && k !== 'userEnteredFormat')
            fail(`updateCells: field ${k} not implemented in the fake`);
        const start = (r.start ?? r.range) as Json | undefined;
        if (!start) fail('updateCells needs start or range');
        const sheet = sheetOf(start.sheetId);
        const row0 = Number(start.rowIndex ?? start.startRowIndex ?? 0);
        const col0 = Number(start.columnIndex ?? start.startColumnIndex ?? 0);
        const rows = (r.rows ?? []) as { values?: Json[] }[];
        rows.forEach((row, i) => {
          (row.values ?? []).forEach((cell, j) => {
            const target = edit(sheet, row0 + i + 1, col0 + j + 1);
            if (mask.has('userEnteredValue')) {
              const v = (cell.userEnteredValue ?? {}) as Json;
              target.formula = null;
              if ('stringValue' in v) target.value = String(v.stringValue);
              else if ('numberValue' in v) target.value = Number(v.numberValue);
              else if ('boolValue' in v) target.value = v.boolValue === true;
              else if ('formulaValue' in v) fail('updateCells: formulaValue not implemented in the fake');
              else target.value = '';
            }
            if (mask.has('userEnteredFormat')) {
              const type = ((cell.userEnteredFormat as Json | undefined)?.numberFormat as Json | undefined)
                ?.type;
              target.numberFormat = type === 'TEXT' ? '@' : null;
            }
          });
        });
        return {};
      }
      case 'deleteConditionalFormatRule': {
        const sheet = sheetOf(r.sheetId);
        const index = Number(r.index ?? 0);
        if (!(index >= 0 && index < sheet.rules.length))
          fail(`Invalid requests: No conditional format on sheet ${sheet.id} at index ${index}`);
        const [deleted] = sheet.rules.splice(index, 1);
        return { deleteConditionalFormatRule: { rule: ruleJson(sheet.id, deleted) } };
      }
      case 'addConditionalFormatRule': {
        const rule = r.rule as Json;
        const first = ((rule?.ranges ?? []) as Json[])[0];
        if (!first) fail('addConditionalFormatRule: a rule needs ranges');
        const sheet = sheetOf(first.sheetId);
        const index = Number(r.index ?? 0);
        if (index > sheet.rules.length) fail(`addConditionalFormatRule: index ${index} past the end`);
        sheet.rules.splice(index, 0, ruleSpec(rule, sheet));
        return {};
      }
      case 'setDataValidation': {
        const range = r.range as Json;
        const sheet = sheetOf(range.sheetId);
        const box = boxOf(range, sheet);
        const spec = validationSpec(r.rule as Json | undefined);
        for (let i = 0; i < box.rows; i++)
          for (let j = 0; j < box.columns; j++)
            if (spec || sheet.cell(box.row + i, box.column + j))
              edit(sheet, box.row + i, box.column + j).validation = spec
                ? { ...spec, args: structuredClone(spec.args) }
                : null;
        return {};
      }
      case 'createDeveloperMetadata': {
        const d = r.developerMetadata as Json;
        const l = (d?.location ?? {}) as Json;
        let location: MetadataLocation;
        if (l.spreadsheet === true) location = { type: 'SPREADSHEET' };
        else if (typeof l.sheetId === 'number') location = { type: 'SHEET', sheetId: sheetOf(l.sheetId).id };
        else
          fail('createDeveloperMetadata: only spreadsheet and sheet locations are implemented in the fake');
        if (typeof d.metadataKey !== 'string' || !d.metadataKey)
          fail('createDeveloperMetadata needs metadataKey');
        if (d.visibility !== 'DOCUMENT')
          fail('createDeveloperMetadata: only DOCUMENT visibility is implemented');
        const id = d.metadataId;
        if (id !== undefined && (typeof id !== 'number' || !Number.isInteger(id) || id <= 0))
          fail('createDeveloperMetadata: metadataId must be a positive integer');
        if (typeof id === 'number' && metadataTaken(id))
          fail(`Invalid requests[].createDeveloperMetadata: metadata id ${id} already exists`);
        const m = model.addMetadata(
          d.metadataKey,
          typeof d.metadataValue === 'string' ? d.metadataValue : null,
          location,
        );
        if (typeof id === 'number') m.id = id;
        return { createDeveloperMetadata: { developerMetadata: metadataJson(m, model) } };
      }
      case 'updateDeveloperMetadata': {
        if (r.fields !== 'metadataValue')
          fail('updateDeveloperMetadata: only fields "metadataValue" is implemented');
        const found = ((r.dataFilters ?? []) as Json[]).flatMap((x) => lookup(x));
        const value = (r.developerMetadata as Json | undefined)?.metadataValue;
        for (const m of found) m.value = typeof value === 'string' ? value : null;
        return { updateDeveloperMetadata: { developerMetadata: found.map((m) => metadataJson(m, model)) } };
      }
      case 'deleteDeveloperMetadata': {
        const found = lookup(r.dataFilter as Json | undefined);
        model.metadata = model.metadata.filter((m) => !found.includes(m));
        return {
          deleteDeveloperMetadata: { deletedDeveloperMetadata: found.map((m) => metadataJson(m, model)) },
        };
      }
      default:
        return fail(`request ${kind} is not implemented in the fake`);
    }
  }

  return f('Sheets', { Spreadsheets }) as unknown as GoogleAppsScript.Sheets;
}

/**
 * Everything a batchUpdate may change, saved so a failed request undoes the whole batch: the
 * sheets' row arrays (shallow), rules, merges and columns, the metadata, and each cell the batch
 * edits as it was before its first edit (`edit`, which the requests use instead of SheetModel.edit):
 * a batch pays for the cells it writes, not for a copy of every cell of the spreadsheet.
 */
function saveModel(model: SpreadsheetModel): {
  edit(sheet: SheetModel, row: number, column: number): CellData;
  undo(): void;
} {
  const sheets = model.sheets.map((s) => ({
    s,
    rows: s.rows.map((row) => row?.slice() ?? row),
    rules: structuredClone(s.rules),
    merges: structuredClone(s.merges),
    hidden: [...s.hiddenColumns],
    widths: { ...s.columnWidths },
    maxColumns: s.maxColumns,
    maxRows: s.maxRows,
  }));
  const metadata = model.metadata.map((m) => ({ m, location: structuredClone(m.location), value: m.value }));
  // Edits replace a cell's fields (value, validation…), never change its Date or rule objects in place.
  const cells = new Map<CellData, CellData>();
  return {
    edit(sheet, row, column) {
      const cell = sheet.edit(row, column);
      if (!cells.has(cell)) cells.set(cell, { ...cell });
      return cell;
    },
    undo() {
      for (const [cell, was] of cells) Object.assign(cell, was);
      for (const x of sheets)
        Object.assign(x.s, {
          rows: x.rows,
          rules: x.rules,
          merges: x.merges,
          hiddenColumns: x.hidden,
          columnWidths: x.widths,
          maxColumns: x.maxColumns,
          maxRows: x.maxRows,
        });
      model.metadata = metadata.map(({ m, location, value }) => Object.assign(m, { location, value }));
    },
  };
}
