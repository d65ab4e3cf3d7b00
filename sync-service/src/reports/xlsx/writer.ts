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
    buffers?: unknown[];
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
// One scan for the usual text that needs neither (xmlEncode and xmlSafeText would scan it twice).
const PLAIN = /["&'<>\u0000-\u001F\u007F\uD800-\uDFFF\uFFFE\uFFFF]/;
if (!(xmlEncode as { safe?: boolean }).safe) {
  const safe = (text: string) => (PLAIN.test(text) ? xmlEncode(xmlSafeText(text)) : text);
  exceljsUtils.xmlEncode = Object.assign(safe, { safe: true });
}

/** Text as XML character data, by the rule every part of the workbook follows (see above). */
export const xmlCellText = (text: string): string => exceljsUtils.xmlEncode(text);
const WorkbookXform = require('exceljs/lib/xlsx/xform/book/workbook-xform.js') as new () => {
  prepare(model: unknown): void;
  toXml(model: unknown): string;
};
const ContentTypesXform = require('exceljs/lib/xlsx/xform/core/content-types-xform.js') as new () => {
  toXml(model: unknown): string;
};

/** Where a picture sits: its top-left cell and how many columns and rows it covers (0-based cells). */
export interface PictureAnchor {
  col: number;
  row: number;
  cols: number;
  rows: number;
}

interface PictureSheet {
  _writeRowBreaks(): void;
  _sheetRelsWriter: { addMedia(rel: { Target: string; Type: string }): string };
  stream: { write(text: string): void };
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const xmlText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export class ReportWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  #tabOrder: string[] = [];
  #localNames: LocalName[] = [];
  #drawings: string[] = [];

  constructor(stream: Writable) {
    super({ stream, useStyles: true, useSharedStrings: false });
  }

  /**
   * Tab order by sheet name; a list's continuation («Name (2)») follows its first sheet; sheets not
   * named keep their place after the named ones.
   */
  setTabOrder(names: string[]): void {
    this.#tabOrder = names;
  }

  addLocalName(name: LocalName): void {
    this.#localNames.push(name);
  }

  /**
   * A PNG stretched over the anchor's cells (exceljs' streaming writer has no pictures): the image
   * is a workbook medium, the drawing part and its relationships are added to the zip, and the sheet
   * gets its `<drawing>` where the schema wants it (after the header/footer and row breaks). Call
   * before the sheet is committed.
   */
  addPicture(sheet: ExcelJS.Worksheet, png: Buffer, anchor: PictureAnchor, description: string): void {
    const imageId = this.addImage({ buffer: png, extension: 'png' } as never);
    const image = `image${imageId}.png`;
    const name = `drawing${this.#drawings.length + 1}`;
    this.#drawings.push(name);
    const zip = (this as unknown as WriterInternals).zip;
    zip.append(drawingXml(anchor, description), { name: `xl/drawings/${name}.xml` });
    zip.append(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/image" Target="../media/${image}"/></Relationships>`,
      { name: `xl/drawings/_rels/${name}.xml.rels` },
    );
    const internals = sheet as unknown as PictureSheet;
    const rowBreaks = internals._writeRowBreaks.bind(internals);
    internals._writeRowBreaks = () => {
      rowBreaks();
      const rId = internals._sheetRelsWriter.addMedia({
        Target: `../drawings/${name}.xml`,
        Type: `${REL}/drawing`,
      });
      internals.stream.write(`<drawing r:id="${rId}"/>`);
    };
  }

  /** Called by exceljs' commit(): [Content_Types].xml, with the drawings added. */
  override addContentTypes(): Promise<void> {
    const self = this as unknown as WriterInternals & {
      media: unknown[];
      sharedStrings: unknown;
      commentRefs: unknown;
    };
    const model = {
      worksheets: self._worksheets.filter(Boolean),
      sharedStrings: self.sharedStrings,
      commentRefs: self.commentRefs,
      media: self.media,
      drawings: this.#drawings.map((name) => ({ name })),
    };
    self.zip.append(new ContentTypesXform().toXml(model), { name: '[Content_Types].xml' });
    return Promise.resolve();
  }

  /** Puts the sheets in tab order (every part exceljs writes next follows it), then finishes. */
  override commit(): Promise<void> {
    const self = this as unknown as WriterInternals;
    const sheets = self._worksheets.filter((s): s is SheetInternals => Boolean(s));
    const rank = (s: SheetInternals) => {
      const i = this.#tabOrder.indexOf(s.name);
      if (i >= 0) return i;
      const part = /^(.*) \((\d+)\)$/.exec(s.name);
      const base = part ? this.#tabOrder.indexOf(part[1]) : -1;
      return base >= 0 ? base + Number(part![2]) / 1e7 : this.#tabOrder.length + s.id;
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

function drawingXml(a: PictureAnchor, description: string): string {
  const at = (col: number, row: number) =>
    `<xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
  const d = xmlText(description);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}">
<xdr:twoCellAnchor editAs="twoCell"><xdr:from>${at(a.col, a.row)}</xdr:from><xdr:to>${at(a.col + a.cols, a.row + a.rows)}</xdr:to>
<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="${d}" descr="${d}"/><xdr:cNvPicPr/></xdr:nvPicPr>
<xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>
<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>
<xdr:clientData/></xdr:twoCellAnchor>
</xdr:wsDr>`;
}

export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Bytes of sheet XML allowed to wait for the zip before the writer pauses. */
const BACKLOG_LIMIT = 256 << 10;
/** Size of the buffers exceljs gathers a sheet's XML in (its `_openStream`). */
const SHEET_BUFFER = 65_536;

/**
 * Waits, when the zip lags more than BACKLOG_LIMIT behind, until it has consumed the sheet's XML.
 * A sheet the zip has not reached yet (it is still compressing the one before) keeps its XML in its
 * own buffers: then the wait lasts until the zip takes it up. A reader who goes away (the signal)
 * ends the wait, which would otherwise last for ever.
 */
export async function drain(sheet: ExcelJS.Worksheet | null, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  if (!sheet) return;
  const stream = (sheet as unknown as SheetInternals).stream;
  while (
    stream &&
    (stream.pipes?.length ?? 0) === 0 &&
    (stream.buffers?.length ?? 0) * SHEET_BUFFER > BACKLOG_LIMIT
  ) {
    await untilAborted(new Promise<void>((resolve) => setTimeout(resolve, 2)), signal);
  }
  for (const pipe of stream?.pipes ?? []) {
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
