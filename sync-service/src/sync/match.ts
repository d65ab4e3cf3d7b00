// Row identity across syncs. A row keeps its item when it carries the item's id; otherwise it is
// matched by number and title, then by title alone (a renumbered row), then by number with a similar
// title (an edited title), then by a very similar title. Inside each pass equal keys pair up in row
// order, live items before tombstones, so an inserted row never shifts the identity of the others.
import { foldText } from '@cluster/shared';

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

function pushTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}

/** The state the passes share: who is paired so far, and what is still open on either side. */
class Matching {
  readonly result: (string | null)[];
  readonly taken = new Set<string>();
  readonly incoming: readonly Incoming[];
  readonly existing: readonly Candidate[];
  #titles: string[] | undefined;
  #candidateTitles: Map<string, string> | undefined;

  constructor(incoming: readonly Incoming[], existing: readonly Candidate[]) {
    this.incoming = incoming;
    this.existing = existing;
    this.result = new Array(incoming.length).fill(null);
  }

  pair(i: number, id: string): void {
    this.result[i] = id;
    this.taken.add(id);
  }

  /** Nothing left to pair on one side: the rest are new items. */
  settled(): boolean {
    return this.taken.size === this.existing.length || !this.result.includes(null);
  }

  /** Rows not paired yet. */
  open(): number[] {
    return this.incoming.map((_, i) => i).filter((i) => this.result[i] === null);
  }

  /** Items not continued yet: live ones first, each side in row order. */
  free(): Candidate[] {
    return this.existing
      .filter((c) => !this.taken.has(c.id))
      .sort((a, b) => (a.removed === b.removed ? a.row - b.row : a.removed ? 1 : -1));
  }

  /** Normalised titles of the rows open when first asked (later passes only look at those). */
  title(i: number): string {
    this.#titles ??= this.incoming.map((r, k) => (this.result[k] === null ? normalTitle(r.title) : ''));
    return this.#titles[i];
  }

  candidateTitle(c: Candidate): string {
    this.#candidateTitles ??= new Map(
      this.existing.filter((x) => !this.taken.has(x.id)).map((x) => [x.id, normalTitle(x.title)]),
    );
    return this.#candidateTitles.get(c.id)!;
  }

  /** Pairs open rows with free items of an equal key, in row order (live items first). */
  pairByKey(keyOfRow: (i: number) => string | null, keyOfCandidate: (c: Candidate) => string | null): void {
    const groups = new Map<string, Candidate[]>();
    for (const c of this.free()) {
      const key = keyOfCandidate(c);
      if (key !== null) pushTo(groups, key, c);
    }
    const rows = this.open().sort((a, b) => byRow(this.incoming[a], this.incoming[b]));
    for (const i of rows) {
      const key = keyOfRow(i);
      if (key === null) continue;
      const c = groups.get(key)?.shift();
      if (c) this.pair(i, c.id);
    }
  }
}

type Pass = (m: Matching) => void;

/** A row that carries a stored item's id keeps that item. */
const byClientId: Pass = (m) => {
  const known = new Set(m.existing.map((c) => c.id));
  m.incoming.forEach((r, i) => {
    if (r.clientId && known.has(r.clientId) && !m.taken.has(r.clientId)) m.pair(i, r.clientId);
  });
};

/**
 * A title held by as many rows as live items: pair in row order, whatever the numbers say, so a
 * renumbering among repeated titles («Заседание совета» ×4) keeps each one's identity. An
 * unchanged sheet is matched here without normalising any text.
 */
const byTitleInRowOrder: Pass = (m) => {
  const rowsByTitle = new Map<string, number[]>();
  for (const i of m.open()) pushTo(rowsByTitle, m.incoming[i].title, i);
  const liveByTitle = new Map<string, Candidate[]>();
  for (const c of m.free()) if (!c.removed) pushTo(liveByTitle, c.title, c);
  for (const [title, rows] of rowsByTitle) {
    const live = liveByTitle.get(title);
    if (!live || live.length !== rows.length) continue;
    rows.sort((a, b) => byRow(m.incoming[a], m.incoming[b]));
    rows.forEach((i, k) => {
      m.pair(i, live[k].id);
    });
  }
};

/** Exact number and title (a repeated title whose count changed). */
const byNumberAndTitle: Pass = (m) =>
  m.pairByKey(
    (i) => `${m.incoming[i].number}\u0000${m.incoming[i].title}`,
    (c) => `${c.number}\u0000${c.title}`,
  );

/** Number and title up to case, ё and punctuation. */
const byNumberAndNormalTitle: Pass = (m) =>
  m.pairByKey(
    (i) => `${m.incoming[i].number}\u0000${m.title(i)}`,
    (c) => `${c.number}\u0000${m.candidateTitle(c)}`,
  );

/** The normalised title alone: a renumbered row. */
const byNormalTitle: Pass = (m) =>
  m.pairByKey(
    (i) => m.title(i) || null,
    (c) => m.candidateTitle(c) || null,
  );

/** Same number, similar title: the title was edited. */
const bySameNumberSimilarTitle: Pass = (m) => {
  const byNumber = new Map<string, Candidate[]>();
  for (const c of m.free()) if (c.number) pushTo(byNumber, c.number, c);
  for (const i of m.open()) {
    const list = byNumber.get(m.incoming[i].number);
    if (!list) continue;
    let best: Candidate | null = null;
    let bestScore = SAME_NUMBER_SIMILARITY;
    for (const c of list) {
      if (m.taken.has(c.id)) continue;
      const score = similarity(m.title(i), m.candidateTitle(c));
      if (score >= bestScore && (best === null || score > bestScore)) {
        best = c;
        bestScore = score;
      }
    }
    if (best) m.pair(i, best.id);
  }
};

/** Renumbered and edited: a very similar title anywhere, best pairs first. */
const bySimilarTitle: Pass = (m) => {
  const rows = m.open();
  const left = m.free();
  if (!rows.length || !left.length || rows.length * left.length > MAX_FUZZY_PAIRS) return;
  const pairs: { i: number; c: Candidate; score: number }[] = [];
  for (const i of rows) {
    for (const c of left) {
      const score = similarity(m.title(i), m.candidateTitle(c));
      if (score >= ANY_NUMBER_SIMILARITY) pairs.push({ i, c, score });
    }
  }
  pairs.sort((a, b) => b.score - a.score || Number(a.c.removed) - Number(b.c.removed) || a.c.row - b.c.row);
  for (const { i, c } of pairs) {
    if (m.result[i] === null && !m.taken.has(c.id)) m.pair(i, c.id);
  }
};

export interface MatchPass {
  name: string;
  run: Pass;
}

/** The passes, most certain first; each pairs only what the ones before left open. */
export const MATCH_PASSES: readonly MatchPass[] = [
  { name: 'client id', run: byClientId },
  { name: 'title in row order', run: byTitleInRowOrder },
  { name: 'number and title', run: byNumberAndTitle },
  { name: 'number and normalised title', run: byNumberAndNormalTitle },
  { name: 'normalised title', run: byNormalTitle },
  { name: 'same number, similar title', run: bySameNumberSimilarTitle },
  { name: 'similar title', run: bySimilarTitle },
];

/** For each incoming row, the id of the existing item it continues, or null for a new item. */
export function matchRows(
  incoming: readonly Incoming[],
  existing: readonly Candidate[],
  passes: readonly MatchPass[] = MATCH_PASSES,
): (string | null)[] {
  const m = new Matching(incoming, existing);
  for (const pass of passes) {
    // A first sync (nothing stored) skips every pass.
    if (m.settled()) break;
    pass.run(m);
  }
  return m.result;
}
