// The document title above a table (skipping approval blocks) and the document's kind.
import type { DocumentKind } from '../model.ts';
import { foldText, oneLine } from '../text.ts';

const APPROVAL =
  /^(утверждаю|утверждено|утвержден[аы]?|согласовано|согласован[аы]?|рассмотрено|принято|одобрено)(?![а-яё])/i;
const TITLE_WORDS =
  /(дорожн\S*\s+карт|план|программ|реестр|перечень|график|мероприяти|протокол|решени|поручени|отчет|отчёт)/i;
const TITLE_START = /^(дорожн\S*\s+карт|план|программ|реестр|перечень|график|мероприятия)/i;
const STARS_OPEN = /^\s*\*\*/;
const STARS_CLOSE = /\*\*\s*$/;

/** A line that opens an approval block (УТВЕРЖДАЮ / СОГЛАСОВАНО / Рассмотрено …). */
export function isApproval(line: string): boolean {
  return APPROVAL.test(line);
}

/**
 * Picks the title from the lines above a table. A title in markdown bold («**…**», possibly over
 * several lines) wins; otherwise the last block of consecutive lines with a title word that is not
 * an approval block (УТВЕРЖДАЮ / СОГЛАСОВАНО / Рассмотрено …).
 */
export function findTitle(lines: readonly string[]): string {
  for (let i = 0; i < lines.length; i++) {
    if (!STARS_OPEN.test(lines[i])) continue;
    const parts: string[] = [];
    for (let j = i; j < lines.length; j++) {
      parts.push(lines[j]);
      if ((j > i || lines[j].trim().length > 2) && STARS_CLOSE.test(lines[j])) {
        return oneLine(parts.join(' ').replace(/\*+/g, ''));
      }
      if (!lines[j].trim()) break;
    }
  }
  const blocks: string[][] = [];
  let block: string[] = [];
  for (const line of lines) {
    const t = oneLine(line.replace(/\*+/g, ''));
    if (t) block.push(t);
    else if (block.length) {
      blocks.push(block);
      block = [];
    }
  }
  if (block.length) blocks.push(block);
  for (let b = blocks.length - 1; b >= 0; b--) {
    const lines = blocks[b];
    // An approval block may run into the title without a blank line: then only a line that
    // starts like a title («План …», «Дорожная карта …») ends it.
    const start = APPROVAL.test(lines[0])
      ? lines.findIndex((l, i) => i > 0 && TITLE_START.test(l))
      : lines.findIndex((l) => TITLE_WORDS.test(l) && !/^протокол\s*№/i.test(l));
    if (start >= 0) return lines.slice(start).join(' ');
  }
  return '';
}

/**
 * Kind by the title's wording; else by names from outside (spreadsheet title, sheet name); a
 * header naming decisions gives decisions_register.
 */
export function kindOf(
  title: string,
  headerNamesDecisions: boolean,
  outside: (string | undefined)[] = [],
): DocumentKind {
  for (const text of [title, ...outside]) {
    const kind = text ? kindByWording(foldText(text)) : null;
    if (kind) return kind;
  }
  return headerNamesDecisions ? 'decisions_register' : 'table';
}

function kindByWording(t: string): DocumentKind | null {
  if (/дорожн\S*\s+карт/.test(t)) return 'roadmap';
  if (/реестр\S*\s+(решени|поручени)|перечень\s+(решени|поручени)/.test(t)) return 'decisions_register';
  if (/(^|\s)план\S*\s+(работ|мероприяти|деятельност)|^план(?![а-яё])|^план-график/.test(t))
    return 'work_plan';
  return null;
}
