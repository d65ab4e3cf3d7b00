// How many lines a wrapped text takes in a column, for row heights: neither Excel nor LibreOffice
// grows a row to fit its text when it opens a file. Widths are in the unit of column widths (the
// width of «0»); the weights are those of a common sans-serif (DejaVu Sans, which LibreOffice uses
// where Calibri is missing — the wider case, so rows come out tall enough in Excel too).

const NARROW = 0.45; // space and . , : ; ! ' | ( ) [ ]
const LOWER = 1; // lowercase letters and digits
const UPPER = 1.25; // capitals, Cyrillic and Latin
const BOLD = 1.1; // a bold text is about this much wider

function charWidth(code: number): number {
  if (code === 32 || code === 46 || code === 44 || code === 58 || code === 59 || code === 33) return NARROW;
  if (code === 39 || code === 124 || code === 40 || code === 41 || code === 91 || code === 93) return NARROW;
  if ((code >= 0x410 && code <= 0x42f) || code === 0x401 || (code >= 65 && code <= 90)) return UPPER;
  return LOWER;
}

/** Width of a word (no spaces, no line breaks). */
function wordWidth(text: string, from: number, to: number): number {
  let w = 0;
  for (let i = from; i < to; i++) w += charWidth(text.charCodeAt(i));
  return w;
}

/** Lines `text` takes when wrapped at word boundaries in a column `width` wide. */
export function textLines(text: string, width: number, bold = false): number {
  const scale = bold ? BOLD : 1;
  const capacity = Math.max(1, width - 1); // the cell's inner margins
  // Most cells are short: every character at its widest still fits on one line.
  if (text.length * UPPER * scale <= capacity && !text.includes('\n')) return 1;
  let lines = 0;
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    lines += paragraphLines(text, start, stop, capacity, scale);
    if (end < 0) return lines;
    start = end + 1;
  }
}

function paragraphLines(text: string, from: number, to: number, capacity: number, scale: number): number {
  let lines = 1;
  let used = 0;
  let i = from;
  while (i < to) {
    let j = i;
    while (j < to && text.charCodeAt(j) !== 32) j++;
    const w = wordWidth(text, i, j) * scale;
    const space = used > 0 ? NARROW * scale : 0;
    if (used + space + w <= capacity) used += space + w;
    else if (w <= capacity) {
      lines++;
      used = w;
    } else {
      // A word longer than the line is broken anywhere.
      if (used > 0) lines++;
      lines += Math.ceil(w / capacity) - 1;
      used = w % capacity;
    }
    i = j + 1;
  }
  return lines;
}

/** Width a header needs so that its longest word fits on one line in bold. */
export function headerWidth(header: string, width: number): number {
  let longest = 0;
  for (const word of header.split(/\s+/)) longest = Math.max(longest, wordWidth(word, 0, word.length));
  return Math.max(width, Math.ceil(longest * BOLD + 1.5));
}
