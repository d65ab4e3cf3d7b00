// How many lines a wrapped text takes in a column, for row heights: neither Excel nor LibreOffice
// grows a row to fit its text when it opens a file. Widths are in the unit of column widths (the
// width of «0»); the weights are those of a common sans-serif (DejaVu Sans, which LibreOffice uses
// where Calibri is missing — the wider case, so rows come out tall enough in Excel too).

const NARROW = 0.45; // space and . , : ; ! ' | ( ) [ ]
const LOWER = 1; // lowercase letters, digits and everything else
const UPPER = 1.25; // capitals, Cyrillic and Latin
const BOLD = 1.1; // a bold text is about this much wider

/** Width of each character below U+0500 (Latin and Cyrillic); LOWER above. */
const WIDTHS = new Float64Array(0x500).fill(LOWER);
for (const c of " .,:;!'|()[]") WIDTHS[c.charCodeAt(0)] = NARROW;
for (let c = 65; c <= 90; c++) WIDTHS[c] = UPPER;
for (let c = 0x410; c <= 0x42f; c++) WIDTHS[c] = UPPER;
WIDTHS[0x401] = UPPER; // Ё

const SPACE = 32;
const NEWLINE = 10;

/** Lines `text` takes when wrapped at word boundaries in a column `width` wide. */
export function textLines(text: string, width: number, bold = false): number {
  const scale = bold ? BOLD : 1;
  const capacity = Math.max(1, width - 1) / scale; // the cell's inner margins; bold is wider
  // Most cells are short: every character at its widest still fits on one line.
  if (text.length * UPPER <= capacity && !text.includes('\n')) return 1;
  // One pass: `used` is the width of the line so far before the current word, `word` that word's.
  let lines = 1;
  let used = 0;
  let word = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const code = i < n ? text.charCodeAt(i) : NEWLINE;
    if (code !== SPACE && code !== NEWLINE) {
      word += code < 0x500 ? WIDTHS[code] : LOWER;
      continue;
    }
    // The word ends here: it goes on this line, on the next, or (longer than a line) broken.
    if (word > 0) {
      const gap = used > 0 ? NARROW : 0;
      if (used + gap + word <= capacity) used += gap + word;
      else if (word <= capacity) {
        lines++;
        used = word;
      } else {
        if (used > 0) lines++;
        lines += Math.ceil(word / capacity) - 1;
        used = word % capacity;
      }
      word = 0;
    }
    if (code === NEWLINE && i < n) {
      lines++;
      used = 0;
    }
  }
  return lines;
}

/** Width a header needs so that its longest word fits on one line in bold. */
export function headerWidth(header: string, width: number): number {
  let longest = 0;
  for (const word of header.split(/\s+/)) {
    let w = 0;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      w += code < 0x500 ? WIDTHS[code] : LOWER;
    }
    longest = Math.max(longest, w);
  }
  return Math.max(width, Math.ceil(longest * BOLD + 1.5));
}
