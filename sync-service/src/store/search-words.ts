// Text search over items, the same on both backends: each word folded (foldText: case, ё) and
// stemmed by the Snowball Russian stemmer here, stored as `search_words`; SQLite indexes them with
// FTS5, PostgreSQL with a GIN index over to_tsvector('simple', …). A query is stemmed the same way
// and asks for every word as a prefix, so «мероприятие» finds «мероприятия» and «меропр» too.
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

const FTS_MEMBER = 'i.rowid IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)';

/**
 * The same conditions with SQLite's search kept from choosing the rows: each row read along
 * another index (a cluster's, in list order) is checked against the matches, listed once per
 * statement. Otherwise SQLite reads every match by rowid (a common word: a quarter of the items)
 * and sorts them for a page of 25. PostgreSQL's planner weighs the GIN index by its estimate.
 */
export const searchNotLeading = (sql: string): string =>
  sql.includes(`+${FTS_MEMBER}`) ? sql : sql.replace(FTS_MEMBER, `+${FTS_MEMBER}`);

/** SQLite: whether `q` matches at least `many` items (the search index alone, read up to there). */
export async function matchesAtLeast(db: Db, q: string, many: number): Promise<boolean> {
  const c = searchCondition(q, 'sqlite');
  if (!c) return false;
  const [row] = await db.all<{ n: number }>(
    'SELECT COUNT(*) AS n FROM (SELECT 1 FROM items_fts WHERE items_fts MATCH ? LIMIT ?)',
    [c.params[0], many],
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
  if (backend === 'sqlite') return { sql: FTS_MEMBER, params: [stems.map((s) => `"${s}"*`).join(' ')] };
  return {
    sql: "to_tsvector('simple', i.search_words) @@ to_tsquery('simple', ?)",
    params: [stems.map((s) => `${s}:*`).join(' & ')],
  };
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
