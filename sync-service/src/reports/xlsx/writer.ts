// exceljs' streaming WorkbookWriter with the three things a report needs that it lacks:
// 1. sheet tabs in an order other than the order they were written (sheets are zipped one after
//    another, so Сводка — whose counts need every item — is written last but shown first);
// 2. sheet-local defined names (`_xlnm._FilterDatabase`, without which LibreOffice drops an
//    autofilter);
// 3. flow control: exceljs pushes rows into the zip without waiting, so a fast source would pile
//    the whole sheet up in memory; `drain()` waits until the zip has taken what was written.
// Relies on exceljs 4.4.0 internals (`_worksheets`, `_definedNames`, `zip`), so package.json pins
// that exact version; the report tests read workbook.xml back to catch a change there.
import type { Writable } from 'node:stream';
import { xmlSafeText } from '@cluster/shared';
import ExcelJS from 'exceljs';

interface SheetInternals {
  id: number;
  name: string;
  stream?: {
    pipes?: {
      _writableState?: { length?: number; needDrain?: boolean };
      once(e: string, f: () => void): void;
    }[];
  };
  committed: boolean;
}

interface WriterInternals {
  _worksheets: (SheetInternals | undefined)[];
  _definedNames: { model: DefinedName[] };
  views: unknown[];
  zip: { append(data: string, opts: { name: string }): void };
}

interface DefinedName {
  name: string;
  ranges: string[];
  localSheetId?: number;
}

/** A name that belongs to one sheet, e.g. the autofilter range of «Все мероприятия». */
export interface LocalName {
  name: string;
  sheet: string;
  /** Absolute range without the sheet, e.g. `$A$1:$L$200`. */
  range: string;
}

// The workbook part writer exceljs uses; required lazily from its CommonJS sources.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// Defensive escaping: every text and attribute exceljs writes passes its xmlEncode, which drops
// C0 controls but lets U+FFFE/U+FFFF and lone surrogates through; the text rule goes first.
const exceljsUtils = require('exceljs/lib/utils/utils.js') as { xmlEncode(text: string): string };
const xmlEncode = exceljsUtils.xmlEncode;
if (!(xmlEncode as { safe?: boolean }).safe) {
  const safe = (text: string) => xmlEncode(xmlSafeText(text));
  exceljsUtils.xmlEncode = Object.assign(safe, { safe: true });
}
const WorkbookXform = require('exceljs/lib/xlsx/xform/book/workbook-xform.js') as new () => {
  prepare(model: unknown): void;
  toXml(model: unknown): string;
};

export class ReportWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  #tabOrder: string[] = [];
  #localNames: LocalName[] = [];

  constructor(stream: Writable) {
    super({ stream, useStyles: true, useSharedStrings: false });
  }

  /** Tab order by sheet name; sheets not named keep their place after the named ones. */
  setTabOrder(names: string[]): void {
    this.#tabOrder = names;
  }

  addLocalName(name: LocalName): void {
    this.#localNames.push(name);
  }

  /** Puts the sheets in tab order (every part exceljs writes next follows it), then finishes. */
  override commit(): Promise<void> {
    const self = this as unknown as WriterInternals;
    const sheets = self._worksheets.filter((s): s is SheetInternals => Boolean(s));
    const rank = (s: SheetInternals) => {
      const i = this.#tabOrder.indexOf(s.name);
      return i < 0 ? this.#tabOrder.length + s.id : i;
    };
    sheets.sort((a, b) => rank(a) - rank(b));
    self._worksheets = sheets;
    return super.commit();
  }

  /** Called by exceljs' commit() to write xl/workbook.xml, with the sheet-local names added. */
  override addWorkbook(): Promise<void> {
    const self = this as unknown as WriterInternals;
    const sheets = self._worksheets.filter((s): s is SheetInternals => Boolean(s));
    const local: DefinedName[] = this.#localNames.map((n) => {
      const index = sheets.findIndex((s) => s.name === n.sheet);
      if (index < 0) throw new Error(`defined name ${n.name}: no sheet «${n.sheet}»`);
      return { name: n.name, ranges: [`${quoteSheet(n.sheet)}!${n.range}`], localSheetId: index };
    });
    const model = {
      worksheets: sheets,
      definedNames: [...self._definedNames.model, ...local],
      views: self.views,
      properties: {},
      calcProperties: {},
    };
    const xform = new WorkbookXform();
    xform.prepare(model);
    self.zip.append(xform.toXml(model), { name: '/xl/workbook.xml' });
    return Promise.resolve();
  }
}

export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Bytes of sheet XML allowed to wait for the zip before the writer pauses. */
const BACKLOG_LIMIT = 1 << 20;

/**
 * Waits, when the zip lags more than BACKLOG_LIMIT behind, until it has consumed the sheet's XML.
 * A reader who goes away (the signal) ends the wait, which would otherwise last for ever.
 */
export async function drain(sheet: ExcelJS.Worksheet, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  const pipes = (sheet as unknown as SheetInternals).stream?.pipes ?? [];
  for (const pipe of pipes) {
    const state = pipe._writableState;
    if (state?.needDrain && (state.length ?? 0) > BACKLOG_LIMIT) {
      await untilAborted(new Promise<void>((resolve) => pipe.once('drain', resolve)), signal);
    }
  }
}

/** `promise`, or a rejection with the signal's reason when it aborts first. */
export function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
