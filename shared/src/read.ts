// A .txt file: a tab-separated table (one line a row) or a protocol's text, decided by content.
import type { Document, ReadOptions } from './model.ts';
import { parseProtocol } from './protocol.ts';
import { type RecognizeOptions, recognizeTables } from './table/recognize.ts';
import { splitLines } from './text.ts';

const PROTOCOL_WORDS =
  /(^|\n)\s*\**\s*(протокол|распоряжение|приказ)(?![а-яё])|решили|постановили|приказываю|принят(ы|о|ые)\s+(следующ[а-яё]+\s+)?решени[яе]/i;

/** Documents in a text file. Tables: Item.row = line number; protocols: the decision's first line. */
export function readText(text: string, opts: ReadOptions & Pick<RecognizeOptions, 'title'>): Document[] {
  const lines = splitLines(text);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  let tabbed = 0;
  for (const line of lines) if (line.includes('\t')) tabbed++;
  if (tabbed >= 2) {
    const docs = recognizeTables(
      lines.map((l) => l.split('\t')),
      opts,
    );
    if (docs.length) return docs;
  }
  if (PROTOCOL_WORDS.test(text)) return [parseProtocol(text, opts)];
  return [];
}
