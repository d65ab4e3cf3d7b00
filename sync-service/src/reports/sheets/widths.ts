// Column widths that fit short texts (names, regions), within bounds; long texts wrap.

/** Width in characters for the longest line among `values`, between `min` and `max`. */
export function fitWidth(values: Iterable<string>, min: number, max: number): number {
  let longest = 0;
  for (const v of values) for (const line of v.split('\n')) longest = Math.max(longest, line.length);
  return Math.min(max, Math.max(min, longest + 2));
}
