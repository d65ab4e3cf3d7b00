// Hostile files the tests and the bench build themselves: a cell at the last address Excel has,
// one far beyond it, a zip bomb (declared and lying sizes), an XML entity bomb and a CSV renamed
// .xlsx. Each is a few KB or MB; each would cost gigabytes if read naively.
import { xlsxWith, zeroBomb } from './zip-build.ts';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const HEADER =
  '<row r="1"><c r="A1" t="inlineStr"><is><t>№</t></is></c><c r="B1" t="inlineStr"><is><t>Мероприятие</t></is></c><c r="C1" t="inlineStr"><is><t>Срок</t></is></c></row>';

function withCell(ref: string, row: number): Uint8Array {
  return xlsxWith(`${HEADER}<row r="${row}"><c r="${ref}" t="inlineStr"><is><t>x</t></is></c></row>`);
}

/** A well-formed sheet whose entity declarations would expand to gigabytes. */
function entityBomb(): Uint8Array {
  const levels = ['<!ENTITY a0 "lollollollollollollollollollol">'];
  for (let i = 1; i < 10; i++) levels.push(`<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`);
  const sheet = `<?xml version="1.0"?><!DOCTYPE worksheet [${levels.join('')}]><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row></sheetData></worksheet>`;
  return xlsxWith('', { sheetXml: sheet });
}

/** A sheet member that unpacks to `mb` MB of zeros; `lie` declares 1 KB instead of its size. */
function zipBomb(mb: number, lie: boolean): Uint8Array {
  const size = lie ? 1024 : Math.min(mb * 1024 * 1024, 0xffffffff);
  return xlsxWith('', { sheetRaw: { data: zeroBomb(mb), uncompressedSize: size } });
}

export interface HostileFile {
  /** What the test names it by. */
  label: string;
  name: string;
  bytes: Uint8Array;
  /** The status the service must answer. */
  status: number;
}

export function hostileFiles(): HostileFile[] {
  return [
    { label: 'cell at XFD1048576', name: 'xfd.xlsx', bytes: withCell('XFD1048576', 1_048_576), status: 413 },
    {
      label: 'cell at A99999999',
      name: 'a99999999.xlsx',
      bytes: withCell('A99999999', 99_999_999),
      status: 413,
    },
    { label: 'zip bomb (2 GB declared)', name: 'bomb.xlsx', bytes: zipBomb(2047, false), status: 413 },
    // A member that lies about its size is a damaged archive: refused as it inflates, not after.
    { label: 'zip bomb (size lies)', name: 'bomb-lie.xlsx', bytes: zipBomb(1024, true), status: 422 },
    { label: 'entity expansion', name: 'entities.xlsx', bytes: entityBomb(), status: 422 },
    {
      label: '.csv renamed .xlsx',
      name: 'таблица.xlsx',
      bytes: new TextEncoder().encode('№;Мероприятие;Срок\n1;Совет;01.02.2025\n'),
      status: 422,
    },
  ];
}
