// Text search over items, the same on both backends: each word folded (foldText: case, ё) and
// stemmed by the Snowball Russian stemmer here, stored as `search_words`; SQLite indexes them with
// FTS5, PostgreSQL with a GIN index over to_tsvector('simple', …) (also stored: `search_vector`).
// A query is stemmed the same way and asks for every word as a prefix, so «мероприятие» finds
// «мероприятия» and «меропр» too.
import { foldText } from '@cluster/shared';
import { newStemmer } from 'snowball-stemmers';
import type { Db, Param } from './db.ts';
import type { Backend } from './types.ts';

const russian = newStemmer('russian');
const WORD = /[\p{L}\p{N}]+/gu;
// Plans repeat a few thousand words: each is stemmed once.
const STEMS = new Map<string, string>();
const STEMS_LIMIT = 100_000;

function stem(word: string): string {
  let out = STEMS.get(word);
  if (out === undefined) {
    out = russian.stem(word);
    if (STEMS.size >= STEMS_LIMIT) STEMS.clear();
    STEMS.set(word, out);
  }
  return out;
}

/** The distinct stems of a text's words, in order of first appearance. */
export function searchStems(text: string): string[] {
  return [...new Set((foldText(text).match(WORD) ?? []).map(stem))];
}

/** The stored words of an item's search text. */
export const searchWords = (text: string): string => searchStems(text).join(' ');

/** The search conditions of each backend, and the same kept from choosing the rows. */
const MEMBER: Record<Backend, { leads: string; checks: string }> = {
  sqlite: {
    leads: 'i.rowid IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)',
    // A unary plus: no index on rowid for this term; the matches are listed once and looked into.
    checks: '+i.rowid IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)',
  },
  postgres: {
    // The indexed expression: the planner costs parsing every row's words, so a broad match is
    // read along the GIN index rather than by a scan of the table. The stored vector too: when a
    // scope's index leads after all, the cheaper test runs first and the words are parsed only
    // for the rows that match. That test is the same condition again, so it is written as one the
    // planner counts as nearly always true (NULLIF … IS NOT NULL: true exactly when the match is):
    // as a second `@@` its selectivity multiplied the first, a rare word's ~1,000 matches were
    // estimated at 1 row and each was joined to a scan of all clusters.
    leads:
      "(to_tsvector('simple', i.search_words) @@ to_tsquery('simple', ?) AND NULLIF(i.search_vector @@ to_tsquery('simple', ?), false) IS NOT NULL)",
    // The stored vector, not indexed: a filter on rows another index reads (the second query is the
    // same words, constant: both forms take the same parameters).
    checks: "(i.search_vector @@ to_tsquery('simple', ?) AND to_tsquery('simple', ?) IS NOT NULL)",
  },
};

/**
 * The same conditions with the search kept from choosing the rows: each row read along another
 * index (a scope's, a cluster's in list order) is checked against the words. Otherwise SQLite looks
 * up every match by rowid (a common word: a fifth of the items), and PostgreSQL reads the word's
 * whole GIN entry once per cluster of the scope (its estimate of a prefix match is far too low).
 */
export function searchNotLeading(sql: string): string {
  for (const m of Object.values(MEMBER)) if (!sql.includes(m.checks)) sql = sql.replace(m.leads, m.checks);
  return sql;
}

/** Whether `q` matches at least `many` items (read along the search index up to there). */
export async function matchesAtLeast(db: Db, q: string, many: number): Promise<boolean> {
  const c = searchCondition(q, db.backend);
  if (!c) return false;
  const from = db.backend === 'sqlite' ? 'items_fts WHERE items_fts MATCH ?' : `items i WHERE ${c.sql}`;
  const [row] = await db.all<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${from} LIMIT ?) m`,
    [...c.params, many],
  );
  return Number(row?.n ?? 0) >= many;
}

/**
 * The condition that the item holds every word of `q` (as a prefix); null when `q` has no word
 * (quotes, stars, colons alone), which nothing matches.
 */
export function searchCondition(q: string, backend: Backend): { sql: string; params: Param[] } | null {
  const stems = searchStems(q);
  if (stems.length === 0) return null;
  // Stems are letters and digits only: nothing in them is query syntax on either backend.
  if (backend === 'sqlite')
    return { sql: MEMBER.sqlite.leads, params: [stems.map((s) => `"${s}"*`).join(' ')] };
  const query = stems.map((s) => `${s}:*`).join(' & ');
  return { sql: MEMBER.postgres.leads, params: [query, query] };
}

/**
 * Schema of the search index (migration 62), after `search_words` is filled. SQLite's index follows
 * items by rowid: after a manual VACUUM of the file (which may renumber rowids) rebuild it with
 * `INSERT INTO items_fts (items_fts) VALUES ('rebuild')`.
 */
export const SEARCH_INDEX: Record<Backend, string[]> = {
  sqlite: [
    `CREATE VIRTUAL TABLE items_fts USING fts5(search_words, content='items', content_rowid='rowid',
      tokenize='unicode61 remove_diacritics 0')`,
    `INSERT INTO items_fts (items_fts) VALUES ('rebuild')`,
    `CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
      INSERT INTO items_fts (rowid, search_words) VALUES (new.rowid, new.search_words); END`,
    `CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
      INSERT INTO items_fts (items_fts, rowid, search_words) VALUES ('delete', old.rowid, old.search_words); END`,
    `CREATE TRIGGER items_fts_update AFTER UPDATE OF search_words ON items BEGIN
      INSERT INTO items_fts (items_fts, rowid, search_words) VALUES ('delete', old.rowid, old.search_words);
      INSERT INTO items_fts (rowid, search_words) VALUES (new.rowid, new.search_words); END`,
  ],
  postgres: [`CREATE INDEX items_search_words ON items USING GIN (to_tsvector('simple', search_words))`],
};

/**
 * PostgreSQL keeps the words' vector too (migration 95): an item checked row by row (along a
 * scope's or the list's index) reads it instead of parsing its words again (≈ 1 µs against ≈ 30 µs).
 */
export const SEARCH_VECTOR: Record<Backend, string[]> = {
  sqlite: [],
  postgres: [
    `ALTER TABLE items ADD COLUMN search_vector tsvector
      GENERATED ALWAYS AS (to_tsvector('simple', coalesce(search_words, ''))) STORED`,
  ],
};
