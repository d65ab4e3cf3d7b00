// Every fake Apps Script object is a Proxy checked against the surface generated from
// @types/google-apps-script (gas-surface.generated.json, scripts/gen-gas-surface.ts):
// - a method the types declare and the fake implements is counted (cost model below);
// - a method the types declare and the fake does not implement exists, and throws
//   "… is not implemented in the fake" when called;
// - a member the types do not declare does not exist: reading it throws.
// Both failures are also recorded in `CallLog.violations`, which every add-in test checks after
// it runs (test/helpers.ts), so a caught exception inside the add-in cannot hide them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Surface {
  version: string;
  classes: Record<string, { methods: string[]; properties: Record<string, string> }>;
  enums: Record<string, string[]>;
  globals: Record<string, string>;
}

const here = dirname(fileURLToPath(import.meta.url));
export const SURFACE: Surface = JSON.parse(readFileSync(join(here, 'gas-surface.generated.json'), 'utf8'));

/** What one call costs: a backend round trip (a read, a write, the UI) or local work (builders…). */
export type CallKind = 'read' | 'write' | 'ui' | 'local';

/** Milliseconds a call is taken to cost in Apps Script (for the simple-trigger 30 s budget). */
const COST_MS: Record<CallKind, number> = { read: 80, write: 80, ui: 150, local: 0.05 };
/** Extra per cell read or written (getValues/setValues on 5,000×8 cells ≈ 0.2 s more). */
const COST_PER_CELL_MS = 0.005;

export class CallLog {
  readonly byMethod: Record<string, number> = {};
  readonly byService: Record<string, number> = {};
  readonly byKind: Record<CallKind, number> = { read: 0, write: 0, ui: 0, local: 0 };
  /** Undeclared or unimplemented members the add-in touched. */
  readonly violations: string[] = [];
  /** Modelled script time since the last `startBudget`, ms. */
  elapsedMs = 0;
  /** Limit of the current execution (30 s for a simple trigger), or null. */
  budgetMs: number | null = null;
  /** Checks a call before it runs (authorization mode, execution context); throws to refuse it. */
  gate: ((cls: string, method: string) => void) | null = null;

  /** While true, calls are not logged (the test harness building an event object). */
  muted = false;

  /**
   * Wall time spent inside the fakes' methods since the last `reset`, ms (outermost calls only):
   * the fakes' own work (building answers, applying writes), which in Apps Script is not script time.
   */
  fakeMs = 0;
  /** Nesting of facade method calls now running (a fake calling another counts once). */
  depth = 0;

  record(service: string, method: string, kind: CallKind = 'read', cells = 0): void {
    if (this.muted) return;
    this.byMethod[method] = (this.byMethod[method] ?? 0) + 1;
    this.byService[service] = (this.byService[service] ?? 0) + 1;
    this.byKind[kind]++;
    this.elapsedMs += COST_MS[kind] + cells * COST_PER_CELL_MS;
    if (this.budgetMs !== null && this.elapsedMs > this.budgetMs)
      throw new Error(
        `Exception: Exceeded maximum execution time (${Math.round(this.budgetMs / 1000)} s, at ${method})`,
      );
  }

  count(service: string): number {
    return this.byService[service] ?? 0;
  }

  /** Backend round trips: everything but local calls. */
  backend(): number {
    return this.byKind.read + this.byKind.write + this.byKind.ui;
  }

  startBudget(ms: number | null): void {
    this.elapsedMs = 0;
    this.budgetMs = ms;
  }

  reset(): void {
    for (const k of Object.keys(this.byMethod)) delete this.byMethod[k];
    for (const k of Object.keys(this.byService)) delete this.byService[k];
    for (const k of Object.keys(this.byKind) as CallKind[]) this.byKind[k] = 0;
    this.fakeMs = 0;
  }
}

/** Members inspection tools and promises probe; they are not Apps Script's and are not there. */
const PASS_THROUGH = new Set(['then', 'toJSON', 'constructor', 'asymmetricMatch', 'nodeType', '$$typeof']);

/** Calls that do not reach Google's servers: builders, handles, values of objects already fetched. */
const LOCAL_CLASSES =
  /(Builder|^Base\.Menu|^HTML\.HtmlOutput|^HTML\.HtmlTemplate|^Spreadsheet\.(ConditionalFormatRule|BooleanCondition|DataValidation|DeveloperMetadataLocation)|^URL_Fetch\.HTTPResponse|^Utilities\.\w+)$/;
const LOCAL_METHODS: Record<string, RegExp> = {
  'Spreadsheet.Range':
    /^(getRow|getColumn|getNumRows|getNumColumns|getLastRow|getLastColumn|getA1Notation|getSheet|getRowIndex|getGridId)$/,
  // A finder is a builder: only its find() goes to the backend.
  'Spreadsheet.Sheet': /^(getRange|getParent|getSheetId|createDeveloperMetadataFinder)$/,
  'Spreadsheet.DeveloperMetadataFinder': /^(with\w+|on\w+)$/,
  // The active document's id comes with the execution, as its handle does.
  'Spreadsheet.Spreadsheet': /^(getId|createDeveloperMetadataFinder)$/,
  // The advanced service's new…() make plain request objects.
  Sheets: /^new\w+$/,
  // The active document and sheet come with the execution (the editor sends them): handles.
  'Spreadsheet.SpreadsheetApp': /^(getUi|new\w+|getActive|getActiveSpreadsheet|getActiveSheet)$/,
  'Spreadsheet.DeveloperMetadata': /^(getId|getKey|getValue|getVisibility|getLocation)$/,
  'HTML.HtmlService': /^create\w+$/,
  'Properties.PropertiesService': /^get\w+Properties$/,
  'Lock.LockService': /^get\w+Lock$/,
  'Cache.CacheService': /^get\w+Cache$/,
  'Script.ScriptApp': /^newTrigger$/,
};
const UI_METHODS = /^(alert|prompt|show\w+|toast|addToUi)$/;
const WRITE_METHODS =
  /^(set|insert|delete|hide|show|add|clear|remove|merge|activate|sort|copy|move|append|auto|create|release|put|try|wait|duplicate)/;

/** The Sheets API's calls that change the document (one round trip each, like its reads). */
const SHEETS_API_WRITES = /^(batchUpdate|update|append|clear|batchClear|create|copyTo)/;

export function classify(cls: string, method: string): CallKind {
  if (UI_METHODS.test(method)) return 'ui';
  if (cls.startsWith('Sheets.Collection.')) return SHEETS_API_WRITES.test(method) ? 'write' : 'read';
  if (LOCAL_CLASSES.test(cls) && !(cls === 'Base.Menu' && method === 'addToUi')) return 'local';
  if (LOCAL_METHODS[cls]?.test(method)) return 'local';
  return WRITE_METHODS.test(method) ? 'write' : 'read';
}

const targets = new WeakMap<object, object>();

/** The fake's own object behind a facade (its `__` fields); the add-in never sees these. */
export function inner<T = Record<string, unknown>>(facadeObject: unknown): T {
  const t = targets.get(facadeObject as object);
  if (!t) throw new Error('fake: not an object made by the fakes');
  return t as T;
}

function shortName(cls: string): string {
  return cls.slice(cls.lastIndexOf('.') + 1);
}

/**
 * Wraps `impl` as an instance of the declared class `cls` ("Spreadsheet.Range"). Members of `impl`
 * starting with `__` are the fake's own and hidden. Method calls are logged as "Range.getValues".
 */
export function facade<T extends object>(log: CallLog, service: string, cls: string, impl: T): T {
  const decl = SURFACE.classes[cls];
  if (!decl) throw new Error(`fake: ${cls} is not a class of @types/google-apps-script`);
  const methods = new Set(decl.methods);
  for (const key of Object.keys(impl))
    if (!key.startsWith('__') && !methods.has(key) && !(key in decl.properties))
      throw new Error(`fake: ${cls}.${key} is implemented but not declared by @types/google-apps-script`);
  const kind = shortName(cls);
  const proxy: T = new Proxy(impl, {
    get(target, prop, receiver) {
      if (typeof prop === 'symbol') return Reflect.get(target, prop, receiver);
      if (PASS_THROUGH.has(prop) && !methods.has(prop)) return undefined;
      const declared = methods.has(prop) || prop in decl.properties;
      if (!declared || prop.startsWith('__')) {
        const message = `${cls}.${prop} is not declared by @types/google-apps-script`;
        log.violations.push(message);
        throw new Error(message);
      }
      if (!Object.hasOwn(target, prop)) {
        // A property typed as an enum (SpreadsheetApp.BooleanCriteria, Ui.ButtonSet…) is always there.
        const type = decl.properties[prop];
        if (type && SURFACE.enums[type]) return enumObject(type);
        const message = `${cls}.${prop} is not implemented in the fake`;
        if (!methods.has(prop)) {
          log.violations.push(message);
          throw new Error(message);
        }
        return () => {
          log.violations.push(message);
          throw new Error(message);
        };
      }
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function' || !methods.has(prop)) return v;
      return (...args: unknown[]) => {
        const started = log.depth++ === 0 ? performance.now() : null;
        try {
          log.gate?.(cls, prop);
          const out = (v as (...a: unknown[]) => unknown).apply(target, args);
          const cells = Array.isArray(out) ? cellCount(out) : Array.isArray(args[0]) ? cellCount(args[0]) : 0;
          log.record(service, `${kind}.${prop}`, classify(cls, prop), cells);
          return out === target ? proxy : out;
        } finally {
          log.depth--;
          if (started !== null) log.fakeMs += performance.now() - started;
        }
      };
    },
    set(_target, prop) {
      throw new Error(`${cls}.${String(prop)} cannot be assigned`);
    },
    has(target, prop) {
      return typeof prop === 'string' && !prop.startsWith('__')
        ? methods.has(prop) || prop in decl.properties
        : Reflect.has(target, prop);
    },
  });
  targets.set(proxy, impl);
  return proxy;
}

function cellCount(a: unknown[]): number {
  return a.reduce<number>((n, row) => n + (Array.isArray(row) ? row.length : 0), 0);
}

/**
 * An enum value as Apps Script hands it out: an opaque object whose string form is its name. The
 * fakes give out a new object for each value they return, so only `String(a) === String(b)` is a
 * safe comparison (whether the real objects compare `===` is not documented).
 */
export function enumValue(enumName: string, member: string): object {
  const members = SURFACE.enums[enumName];
  if (!members) throw new Error(`fake: ${enumName} is not an enum of @types/google-apps-script`);
  if (!members.includes(member)) throw new Error(`fake: ${enumName}.${member} is not declared`);
  return Object.freeze({ toString: () => member, toJSON: () => member });
}

/** The enum object a service exposes (SpreadsheetApp.BooleanCriteria…): every declared member. */
const enumObjects = new Map<string, Record<string, object>>();
export function enumObject(enumName: string): Record<string, object> {
  const known = enumObjects.get(enumName);
  if (known) return known;
  const out: Record<string, object> = {};
  for (const m of SURFACE.enums[enumName] ?? []) out[m] = enumValue(enumName, m);
  Object.freeze(out);
  enumObjects.set(enumName, out);
  return out;
}

/** Compares an enum value by its string form, as the add-in must. */
export function isEnum(value: unknown, member: string): boolean {
  return value !== null && value !== undefined && String(value) === member;
}
