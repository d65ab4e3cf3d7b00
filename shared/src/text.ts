// Small text helpers shared by table recognition and protocol parsing.
import { dateToIso, formatRu } from './dates.ts';
import type { Cell } from './model.ts';

/** A cell as the text a user sees: dates (UTC midnight, as the readers give them) as ДД.ММ.ГГГГ. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'да' : 'нет';
  if (cell instanceof Date) return formatRu(dateToIso(cell));
  return String(cell);
}

const SPACES = /[\s\u00a0\u2007\u202f]+/g;
const NEEDS_COLLAPSE = /[\t\n\r\f\v\u00a0\u2007\u202f]| {2}/;

/** Collapses every run of white space (line breaks included) into one space and trims. */
export function oneLine(text: string): string {
  // Most cells are already clean: skip the replace and its allocation.
  return NEEDS_COLLAPSE.test(text) ? text.replace(SPACES, ' ').trim() : text.trim();
}

/** Lower case, ё → е, single spaces: for matching words, never for output. */
export function foldText(text: string): string {
  return oneLine(text).toLowerCase().replace(/ё/g, 'е');
}

/** Removes markdown bold/italic stars a text export leaves around a title. */
export function stripStars(text: string): string {
  return text.replace(/\*+/g, '');
}

/** Splits text into lines, accepting \r\n, \r and \n. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The folded text an item is searched by: number, task, title, executors, result and mark. */
export function itemSearchText(item: {
  number: string;
  task: string;
  title: string;
  executors: readonly string[];
  result: string;
  mark: { raw: string };
}): string {
  return foldText(
    [item.number, item.task, item.title, item.executors.join(' '), item.result, item.mark.raw].join('\n'),
  );
}

/** The folded text an executor filter is matched against. */
export function executorsSearchText(executors: readonly string[]): string {
  return foldText(executors.join('\n'));
}

let ruCollator: Intl.Collator | undefined;

/**
 * Russian alphabetical order: `a.localeCompare(b, 'ru')` without building the collation per call
 * (the dashboard sorts thousands of names a request). Made on first use: nothing runs at load.
 */
export function compareRu(a: string, b: string): number {
  ruCollator ??= new Intl.Collator('ru');
  return ruCollator.compare(a, b);
}
