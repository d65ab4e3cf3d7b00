// Counters and number formats shared by Word's numbering.xml and ODF list styles: the numbers of
// automatic lists exist nowhere in a document's text and are rebuilt from these.

const RUSSIAN = 'абвгдежзиклмнопрстуфхцчшщэюя';

function letters(n: number, alphabet: string): string {
  // Word repeats the letter: a … z, aa … zz, aaa …
  const k = alphabet.length;
  const letter = alphabet[(n - 1) % k];
  return letter.repeat(Math.floor((n - 1) / k) + 1);
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

/** One counter value in a list format; formats are Word's numFmt names (ODF's are mapped to them). */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'lowerLetter':
      return letters(n, 'abcdefghijklmnopqrstuvwxyz');
    case 'upperLetter':
      return letters(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'russianLower':
      return letters(n, RUSSIAN);
    case 'russianUpper':
      return letters(n, RUSSIAN.toUpperCase());
    case 'none':
    case 'bullet':
      return '';
    default:
      return String(n);
  }
}

/** ODF's style:num-format → Word's numFmt name. */
export function odfFormat(format: string | undefined): string {
  switch (format) {
    case 'a':
      return 'lowerLetter';
    case 'A':
      return 'upperLetter';
    case 'i':
      return 'lowerRoman';
    case 'I':
      return 'upperRoman';
    case 'а':
    case 'а, б, .., аа, аб, ... (ru)':
      return 'russianLower';
    case 'А':
    case 'А, Б, .., Аа, Аб, ... (ru)':
      return 'russianUpper';
    case '':
      return 'none';
    default:
      return format === undefined ? 'none' : 'decimal';
  }
}

/** Counters of one list: a counter per level; counting at a level restarts every deeper one. */
export class ListCounters {
  private readonly values: (number | undefined)[] = [];

  /** Counts one item at `level` (0-based) that starts from `start`; returns the counters up to it. */
  next(
    level: number,
    start: number,
    restartDeeper: (deeper: number) => boolean = () => true,
  ): readonly (number | undefined)[] {
    const current = this.values[level];
    this.values[level] = current === undefined ? start : current + 1;
    for (let d = level + 1; d < this.values.length; d++) if (restartDeeper(d)) this.values[d] = undefined;
    return this.values;
  }

  /** Sets the level so that its next item is `start`. */
  restart(level: number): void {
    for (let d = level; d < this.values.length; d++) this.values[d] = undefined;
  }

  value(level: number): number | undefined {
    return this.values[level];
  }
}
