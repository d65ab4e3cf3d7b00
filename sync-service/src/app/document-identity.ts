// Which stored document each document of a snapshot continues (see sync/documents-match.ts), done
// inside the source's sync transaction: documents of other sources that are the same plan (or the
// one the caller picked) move to this source first, so the sync then updates them with history.
import type { SyncSummary } from '@cluster/shared';
import type { ClusterDocument, SourceSession } from '../store/sync-types.ts';
import type { SnapshotInput } from '../store/types.ts';
import { type DocumentMatch, matchDocuments } from '../sync/documents-match.ts';
import type { DesiredDocument } from '../sync/prepare.ts';
import { invalid, notFound } from './errors.ts';

type MatchNote = NonNullable<SyncSummary['matches']>[number];

const fromOf = (d: ClusterDocument) =>
  d.source.kind === 'file' ? `файл ${d.source.name}` : `лист «${d.source.name}»`;

const PICK = 'выбрать другой: --document ID (в API: поле document)';

/** Finds and moves in the documents this snapshot continues; returns the matches to explain. */
export async function adoptDocuments(
  session: SourceSession,
  input: Pick<SnapshotInput, 'documentId' | 'source'>,
  desired: readonly DesiredDocument[],
): Promise<DocumentMatch[]> {
  const own = await session.documents();
  const others = await session.clusterDocuments();
  let chosen: ClusterDocument | null = null;
  if (input.documentId) {
    if (desired.length !== 1) {
      throw invalid(`Документ можно указать, когда в файле один документ (найдено: ${desired.length})`);
    }
    const mine = own.find((d) => d.id === input.documentId);
    chosen = others.find((d) => d.id === input.documentId) ?? null;
    if (!chosen && !mine) throw notFound(`Документ ${input.documentId} не найден в этом кластере`);
    if (mine && mine.ordinal !== 0) {
      chosen = {
        ...mine,
        sourceId: session.sourceId,
        source: { kind: 'file', name: '' },
        archived: false,
        updatedAt: '',
      };
    }
  }
  const matches = matchDocuments(own, others, desired, { from: input.source.kind, chosen });
  for (const m of matches) {
    if (m.document && (m.how === 'same_plan' || m.how === 'chosen'))
      await session.adoptDocument(m.document.id, m.index);
  }
  return matches;
}

/** What the answer says about the matches that were not a plain resync of the same source. */
export function matchNotes(
  matches: readonly DocumentMatch[],
  ids: readonly string[],
  desired: readonly DesiredDocument[],
): MatchNote[] {
  const notes: MatchNote[] = [];
  for (const m of matches) {
    const documentId = ids[m.index];
    const title = desired[m.index].title;
    const alternatives = [...m.alternatives, ...m.similar].map((d) => ({
      documentId: d.id,
      title: d.title,
      from: fromOf(d),
    }));
    const others = alternatives.map((a) => `«${a.title}» (${a.documentId}, ${a.from})`).join(', ');
    if (m.how === 'same_plan' && m.document) {
      const archived = m.document.archived ? ' (он в архиве)' : '';
      const more = alternatives.length ? ` Тот же план есть и в других документах: ${others}; ${PICK}.` : '';
      notes.push({
        documentId,
        title,
        how: 'same_plan',
        from: fromOf(m.document),
        alternatives,
        message: `Обновлён документ «${title}» (${documentId})${archived}, прежде полученный: ${fromOf(m.document)}.${more}`,
      });
    } else if (m.how === 'chosen' && m.document) {
      notes.push({
        documentId,
        title,
        how: 'chosen',
        from: m.document.source.name ? fromOf(m.document) : null,
        alternatives,
        message: `Обновлён выбранный документ «${m.document.title}» (${documentId})`,
      });
    } else if (m.how === 'new' && alternatives.length) {
      notes.push({
        documentId,
        title,
        how: 'new',
        from: null,
        alternatives,
        message: `Новый документ «${title}» (${documentId}); похожие: ${others}. Если это тот же план — повторите с --document ID (в API: поле document)`,
      });
    }
  }
  return notes;
}
