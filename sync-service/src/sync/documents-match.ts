// A cluster's document is recognised by what it is, not by the file it came in: the same kind,
// title (normalised), and plan period. A document of the snapshot that its own source does not hold
// yet continues such a document of another source (a plan imported as .csv, then as .xlsx, then
// synced from the add-in) instead of becoming a second one. Pure: the candidates come in.
import type { ClusterDocument, StoredDocument } from '../store/sync-types.ts';
import { normalTitle, similarity } from './match.ts';
import type { DesiredDocument } from './prepare.ts';

/** How a snapshot's document found its stored one. */
export type MatchHow =
  /** Its own source held it at that place (a sheet by spreadsheet and sheet id, a file by name). */
  | 'same_source'
  /** Another source held the same plan. */
  | 'same_plan'
  /** Named by the caller (`--document ID`). */
  | 'chosen'
  | 'new';

export interface DocumentMatch {
  index: number;
  how: MatchHow;
  /** The stored document continued (null for a new one). */
  document: ClusterDocument | null;
  /** Other documents that are the same plan as well (the most recently updated one was taken). */
  alternatives: ClusterDocument[];
  /** For a new document: documents of the same kind and period with a similar title. */
  similar: ClusterDocument[];
}

const SIMILAR_TITLE = 0.8;

interface Identity {
  kind: string;
  title: string;
  periodStart: string | null;
  periodEnd: string | null;
}

export function identityOf(d: Identity): string {
  return [d.kind, normalTitle(d.title), d.periodStart ?? '', d.periodEnd ?? ''].join('|');
}

const samePeriodAndKind = (a: Identity, b: Identity) =>
  a.kind === b.kind && a.periodStart === b.periodStart && a.periodEnd === b.periodEnd;

const newestFirst = (a: ClusterDocument, b: ClusterDocument) =>
  b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id);

/**
 * For each snapshot document: kept by its own source, continued from another source, or new.
 * A sheet's document is also known by its spreadsheet and sheet id, so another sheet never
 * continues it (two sheets are two documents); a file may, and a sheet may continue a file's.
 * `chosen` (the caller's pick) applies to the first document.
 */
export function matchDocuments(
  own: readonly StoredDocument[],
  others: readonly ClusterDocument[],
  desired: readonly DesiredDocument[],
  { from, chosen }: { from: 'sheet' | 'file'; chosen?: ClusterDocument | null },
): DocumentMatch[] {
  const taken = new Set<string>(chosen ? [chosen.id] : []);
  const ordinals = new Set(own.map((d) => d.ordinal));
  const live = others.filter((d) => !d.removed && !(from === 'sheet' && d.source.kind === 'sheet'));
  return desired.map((want, index): DocumentMatch => {
    const none = { alternatives: [], similar: [] };
    if (chosen && index === 0) return { index, how: 'chosen', document: chosen, ...none };
    if (ordinals.has(index)) return { index, how: 'same_source', document: null, ...none };
    const key = identityOf(want);
    const same = live.filter((d) => !taken.has(d.id) && identityOf(d) === key).sort(newestFirst);
    if (same.length > 0) {
      taken.add(same[0].id);
      return { index, how: 'same_plan', document: same[0], alternatives: same.slice(1), similar: [] };
    }
    const title = normalTitle(want.title);
    const similar = live
      .filter((d) => samePeriodAndKind(d, want) && similarity(normalTitle(d.title), title) >= SIMILAR_TITLE)
      .sort(newestFirst);
    return { index, how: 'new', document: null, alternatives: [], similar };
  });
}
