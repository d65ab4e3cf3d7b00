// Row identity across syncs. A row keeps its item when it carries the item's id; otherwise it is
// matched by number and title, then by title alone (a renumbered row), then by number with a similar
// title (an edited title), then by a very similar title. Inside each pass equal keys pair up in row
// order, live items before tombstones, so an inserted row never shifts the identity of the others.
import { foldText } from '../store/rows.ts';

export interface Candidate {
  id: string;
  number: string;
  title: string;
  row: number;
  removed: boolean;
}

export interface Incoming {
  clientId: string | null;
  number: string;
  title: string;
  row: number;
}

/** Above this many remaining pairs the all-against-all similarity pass is skipped. */
const MAX_FUZZY_PAIRS = 250_000;
const SAME_NUMBER_SIMILARITY = 0.5;
const ANY_NUMBER_SIMILARITY = 0.8;

export function normalTitle(title: string): string {
  return foldText(title)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function bigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  const s = ` ${text} `;
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Dice coefficient of character bigrams, 0…1. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (!a || !b) return 0;
  const x = bigrams(a);
  const y = bigrams(b);
  let common = 0;
  let total = 0;
  for (const [g, n] of x) {
    total += n;
    const m = y.get(g);
    if (m) common += Math.min(n, m);
  }
  for (const n of y.values()) total += n;
  return (2 * common) / total;
}

const byRow = <T extends { row: number }>(a: T, b: T) => a.row - b.row;

/** For each incoming row, the id of the existing item it continues, or null for a new item. */
export function matchRows(incoming: readonly Incoming[], existing: readonly Candidate[]): (string | null)[] {
  const result: (string | null)[] = new Array(incoming.length).fill(null);
  const taken = new Set<string>();
  const known = new Map(existing.map((c) => [c.id, c]));

  for (let i = 0; i < incoming.length; i++) {
    const id = incoming[i].clientId;
    if (id && known.has(id) && !taken.has(id)) {
      result[i] = id;
      taken.add(id);
    }
  }

  // Nothing left to pair on one side: the rest are new items (a first sync skips every pass).
  const settled = () => taken.size === existing.length || !result.includes(null);
  if (settled()) return result;

  const open = () => incoming.map((_, i) => i).filter((i) => result[i] === null);
  const free = () =>
    existing
      .filter((c) => !taken.has(c.id))
      .sort((a, b) => (a.removed === b.removed ? a.row - b.row : a.removed ? 1 : -1));

  const pairByKey = (
    keyOfRow: (i: number) => string | null,
    keyOfCandidate: (c: Candidate) => string | null,
  ) => {
    const groups = new Map<string, Candidate[]>();
    for (const c of free()) {
      const key = keyOfCandidate(c);
      if (key === null) continue;
      const list = groups.get(key);
      if (list) list.push(c);
      else groups.set(key, [c]);
    }
    const rows = open().sort((a, b) => byRow(incoming[a], incoming[b]));
    for (const i of rows) {
      const key = keyOfRow(i);
      if (key === null) continue;
      const c = groups.get(key)?.shift();
      if (c) {
        result[i] = c.id;
        taken.add(c.id);
      }
    }
  };

  // A title held by as many rows as live items: pair in row order, whatever the numbers say, so a
  // renumbering among repeated titles («Заседание совета» ×4) keeps each one's identity. An
  // unchanged sheet is matched here without normalising any text.
  const rowsByTitle = new Map<string, number[]>();
  for (const i of open()) {
    const list = rowsByTitle.get(incoming[i].title);
    if (list) list.push(i);
    else rowsByTitle.set(incoming[i].title, [i]);
  }
  const liveByTitle = new Map<string, Candidate[]>();
  for (const c of free()) {
    if (c.removed) continue;
    const list = liveByTitle.get(c.title);
    if (list) list.push(c);
    else liveByTitle.set(c.title, [c]);
  }
  for (const [title, rows] of rowsByTitle) {
    const live = liveByTitle.get(title);
    if (!live || live.length !== rows.length) continue;
    rows.sort((a, b) => byRow(incoming[a], incoming[b]));
    rows.forEach((i, k) => {
      result[i] = live[k].id;
      taken.add(live[k].id);
    });
  }
  if (settled()) return result;

  // Then exact number and title (a repeated title whose count changed).
  pairByKey(
    (i) => `${incoming[i].number}\u0000${incoming[i].title}`,
    (c) => `${c.number}\u0000${c.title}`,
  );
  if (settled()) return result;

  const titles = incoming.map((r, i) => (result[i] === null ? normalTitle(r.title) : ''));
  const candidateTitles = new Map(
    existing.filter((c) => !taken.has(c.id)).map((c) => [c.id, normalTitle(c.title)]),
  );
  pairByKey(
    (i) => `${incoming[i].number}\u0000${titles[i]}`,
    (c) => `${c.number}\u0000${candidateTitles.get(c.id)}`,
  );
  pairByKey(
    (i) => titles[i] || null,
    (c) => candidateTitles.get(c.id) || null,
  );

  // Same number, similar title: the title was edited.
  const byNumber = new Map<string, Candidate[]>();
  for (const c of free()) {
    if (!c.number) continue;
    const list = byNumber.get(c.number);
    if (list) list.push(c);
    else byNumber.set(c.number, [c]);
  }
  for (const i of open()) {
    const list = byNumber.get(incoming[i].number);
    if (!list) continue;
    let best: Candidate | null = null;
    let bestScore = SAME_NUMBER_SIMILARITY;
    for (const c of list) {
      if (taken.has(c.id)) continue;
      const score = similarity(titles[i], candidateTitles.get(c.id)!);
      if (score >= bestScore && (best === null || score > bestScore)) {
        best = c;
        bestScore = score;
      }
    }
    if (best) {
      result[i] = best.id;
      taken.add(best.id);
    }
  }

  // Renumbered and edited: a very similar title anywhere, best pairs first.
  const rows = open();
  const left = free();
  if (rows.length && left.length && rows.length * left.length <= MAX_FUZZY_PAIRS) {
    const pairs: { i: number; c: Candidate; score: number }[] = [];
    for (const i of rows) {
      for (const c of left) {
        const score = similarity(titles[i], candidateTitles.get(c.id)!);
        if (score >= ANY_NUMBER_SIMILARITY) pairs.push({ i, c, score });
      }
    }
    pairs.sort((a, b) => b.score - a.score || Number(a.c.removed) - Number(b.c.removed) || a.c.row - b.c.row);
    for (const { i, c } of pairs) {
      if (result[i] !== null || taken.has(c.id)) continue;
      result[i] = c.id;
      taken.add(c.id);
    }
  }
  return result;
}
