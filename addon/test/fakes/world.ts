// One add-in world: the in-memory spreadsheet and services, the built Code.js loaded into a fresh
// node:vm context (no Node globals there), a fake clock, and a way to call its globals.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { authGate } from './auth.ts';
import { CallLog, enumValue } from './calls.ts';
import { dateCell, type SheetModel, SpreadsheetModel } from './model.ts';
import { createServices, type ServicesWorld } from './services.ts';
import { createSheetsService } from './sheets-api.ts';
import {
  createSpreadsheetApp,
  renderedBackground,
  type SheetsWorld,
  type UiRecord,
} from './spreadsheet-app.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const DIST = join(here, '..', '..', 'dist');

export interface WorldOptions {
  /** Instant the add-in sees as "now" (ISO date-time); advance with `world.setNow`. */
  now?: string;
  locale?: string;
  timeZone?: string;
  authMode?: 'NONE' | 'LIMITED' | 'FULL';
  /** The user the add-in runs as (triggers belong to users). */
  user?: string;
  /** 'test': a test deployment (no installable triggers). */
  deployment?: 'installed' | 'test';
  /** The spreadsheet's locale (how setValues text is read); ru_RU by default. */
  spreadsheetLocale?: string;
  /** Folder of the built Code.js and HTML (addon/dist by default). */
  dist?: string;
}

/** Every world made in this test file, so helpers.ts can check after each test that none was misused. */
export const worlds: AddonWorld[] = [];

/** A simple trigger's limit (Apps Script quotas: 30 s per execution). */
export const SIMPLE_TRIGGER_MS = 30_000;

export class AddonWorld {
  readonly log = new CallLog();
  readonly model: SpreadsheetModel;
  readonly ui: UiRecord = { menus: [], alerts: [], answers: [], toasts: [], sidebars: [], dialogs: [] };
  readonly services: ServicesWorld;
  readonly context: vm.Context;
  private nowMs: number;
  private readonly sheetsWorld: SheetsWorld;

  constructor(opts: WorldOptions = {}) {
    const timeZone = opts.timeZone ?? 'Europe/Moscow';
    this.model = new SpreadsheetModel('Таблица кластера', timeZone);
    this.nowMs = Date.parse(opts.now ?? '2021-06-01T09:00:00Z');
    this.services = {
      log: this.log,
      authMode: opts.authMode ?? 'FULL',
      distDir: opts.dist ?? DIST,
      locale: opts.locale ?? 'ru',
      timeZone,
      documentProperties: new Map(),
      userProperties: new Map(),
      lockBusy: false,
      lockHeld: false,
      triggers: [],
      fetches: [],
      user: opts.user ?? 'coordinator@example.ru',
      documentId: this.model.id,
      deployment: opts.deployment ?? 'installed',
      context: 'menu',
    };
    if (opts.spreadsheetLocale) this.model.locale = opts.spreadsheetLocale;
    this.log.gate = authGate(this.services);
    worlds.push(this);
    // No eval / new Function inside: proves zod (and everything else) runs jitless.
    this.context = vm.createContext(
      { console, __fakeNow: () => this.nowMs },
      { codeGeneration: { strings: false, wasm: false } },
    );
    // A clock the test moves: `new Date()` and Date.now() inside the vm read it.
    vm.runInContext(
      `(function(){var R=Date;function D(){if(!(this instanceof D))return new R(__fakeNow()).toString();var a=[].slice.call(arguments);return a.length===0?new R(__fakeNow()):new (Function.prototype.bind.apply(R,[null].concat(a)))();}
       D.prototype=R.prototype;D.now=function(){return __fakeNow()};D.UTC=R.UTC;D.parse=R.parse;Object.defineProperty(R.prototype,'constructor',{value:D});globalThis.Date=D;})();`,
      this.context,
    );
    const vmDate = vm.runInContext('Date', this.context) as DateConstructor;
    const self = this;
    this.sheetsWorld = {
      log: this.log,
      model: this.model,
      ui: this.ui,
      get authMode() {
        return self.services.authMode;
      },
      get context() {
        return self.services.context;
      },
      vmDate,
    } as SheetsWorld;
    const services = createServices(this.services, () => vmDate);
    Object.assign(this.context, {
      SpreadsheetApp: createSpreadsheetApp(this.sheetsWorld),
      // The advanced service, enabled in the manifest (dependencies.enabledAdvancedServices).
      Sheets: createSheetsService({ log: this.log, model: this.model }),
      ...services,
    });
    vm.runInContext(readFileSync(join(opts.dist ?? DIST, 'Code.js'), 'utf8'), this.context, {
      filename: 'Code.js',
    });
  }

  setNow(iso: string): void {
    this.nowMs = Date.parse(iso);
  }

  set authMode(mode: 'NONE' | 'LIMITED' | 'FULL') {
    this.services.authMode = mode;
  }

  /**
   * Runs a simple trigger (onEdit…): AuthMode.LIMITED, 30 s budget counted by the cost model.
   * `event` gets `authMode` and, when `range` is given as [row, column, rows, columns] on the
   * active sheet, a Range.
   */
  simpleTrigger(
    name: string,
    event: { range?: [number, number, number?, number?]; value?: unknown } = {},
  ): void {
    const mode = this.services.authMode;
    this.services.authMode = 'LIMITED';
    this.services.context = 'simple';
    this.log.startBudget(SIMPLE_TRIGGER_MS);
    try {
      const fn = (this.context as Record<string, unknown>)[name] as (e: unknown) => void;
      const e: Record<string, unknown> = { authMode: enumValue('Script.AuthMode', 'LIMITED') };
      if (event.range) {
        const [r, c, rows = 1, columns = 1] = event.range;
        const app = (this.context as { SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp })
          .SpreadsheetApp;
        this.services.context = 'menu';
        this.log.muted = true;
        e.range = app.getActiveSheet().getRange(r, c, rows, columns);
        this.log.muted = false;
        this.services.context = 'simple';
      }
      if ('value' in event) e.value = event.value;
      fn(e);
    } finally {
      this.services.authMode = mode;
      this.services.context = 'menu';
      this.services.lockHeld = false; // a lock ends with its execution
      this.log.budgetMs = null; // elapsedMs stays readable
    }
  }

  /** Fires an installable time-driven trigger: runs its handler as its creator, AuthMode.FULL, no UI. */
  runTimeTrigger(id: string): void {
    const t = this.services.triggers.find((x) => x.id === id);
    if (!t) throw new Error(`no trigger ${id}`);
    const { user, authMode } = this.services;
    Object.assign(this.services, { user: t.user, authMode: 'FULL', context: 'time' });
    try {
      const fn = (this.context as Record<string, unknown>)[t.handler] as (e: unknown) => void;
      fn({ authMode: enumValue('Script.AuthMode', 'FULL'), triggerUid: t.id });
    } finally {
      Object.assign(this.services, { user, authMode, context: 'menu', lockHeld: false });
    }
  }

  /** Calls a global of Code.js the way Apps Script would (menu item, trigger, google.script.run). */
  call<T = unknown>(name: string, ...args: unknown[]): T {
    const fn = (this.context as Record<string, unknown>)[name];
    if (typeof fn !== 'function') throw new Error(`Code.js has no global function ${name}`);
    // Arguments cross realms as JSON, as google.script.run does.
    const vmArgs = args.map((a) =>
      a === undefined ? undefined : vm.runInContext(`(${JSON.stringify(a)})`, this.context),
    );
    try {
      return (fn as (...a: unknown[]) => T)(...vmArgs);
    } finally {
      this.services.lockHeld = false; // a lock ends with its execution (releaseLock is not needed)
    }
  }

  /** Adds a sheet filled from a TSV text (one line a row), like pasting a table. */
  addSheetFromTsv(name: string, tsv: string): SheetModel {
    const sheet = this.model.addSheet(name);
    const lines = tsv.replace(/\r\n?/g, '\n').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    sheet.maxRows = Math.max(sheet.maxRows, lines.length + 50);
    lines.forEach((line, r) => {
      line.split('\t').forEach((v, c) => {
        if (c + 1 > sheet.maxColumns) sheet.maxColumns = c + 1;
        if (v !== '') sheet.edit(r + 1, c + 1).value = v;
      });
    });
    this.model.activeSheetId = sheet.id;
    return sheet;
  }

  dateCell(iso: string): Date {
    return dateCell(iso, this.model.timeZone);
  }

  /** What a viewer sees as the background of a cell on `today`. */
  background(sheet: SheetModel, row: number, column: number, today: string): string | null {
    return renderedBackground(this.model, sheet, row, column, today);
  }

  /** Calls of the spreadsheet services, local ones too: SpreadsheetApp and the Sheets API. */
  spreadsheetCalls(): number {
    return this.log.count('SpreadsheetApp') + this.log.count('Sheets');
  }
}
