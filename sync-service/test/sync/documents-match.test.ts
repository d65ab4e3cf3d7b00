// The document identity rule without a database: kind, normalised title and plan period; a sheet's
// document is not continued by another sheet; the newest of several is taken, the others named.
import { describe, expect, it } from 'vitest';
import type { ClusterDocument } from '../../src/store/sync-types.ts';
import { matchDocuments } from '../../src/sync/documents-match.ts';
import type { DesiredDocument } from '../../src/sync/prepare.ts';

const PLAN: DesiredDocument = {
  title: 'План работы кластера машиностроения на 2022 год',
  kind: 'work_plan',
  periodStart: '2022-01-01',
  periodEnd: '2022-12-31',
  meta: '{}',
};

function stored(id: string, over: Partial<ClusterDocument> = {}): ClusterDocument {
  return {
    id,
    sourceId: `s-${id}`,
    source: { kind: 'file', name: `${id}.csv` },
    title: PLAN.title,
    kind: PLAN.kind,
    periodStart: PLAN.periodStart,
    periodEnd: PLAN.periodEnd,
    removed: false,
    archived: false,
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

describe('matchDocuments', () => {
  it('continues the same plan written otherwise, not another period or kind', () => {
    const others = [
      stored('other-year', { periodStart: '2023-01-01', periodEnd: '2023-12-31' }),
      stored('roadmap', { kind: 'roadmap' }),
      stored('same', { title: 'ПЛАН работы кластера машиностроения  на 2022 год.' }),
    ];
    const [m] = matchDocuments([], others, [PLAN], { from: 'file' });
    expect(m).toMatchObject({ how: 'same_plan', document: { id: 'same' }, alternatives: [] });
  });

  it('keeps a document its own source holds in that place', () => {
    const own = [
      {
        id: 'mine',
        ordinal: 0,
        title: 'x',
        kind: 'table',
        periodStart: null,
        periodEnd: null,
        meta: '{}',
        removed: false,
      },
    ];
    expect(matchDocuments(own, [stored('same')], [PLAN], { from: 'file' })[0].how).toBe('same_source');
  });

  it('a sheet continues a file’s document but never another sheet’s', () => {
    const sheet = stored('sheet', { source: { kind: 'sheet', name: 'План' } });
    expect(matchDocuments([], [sheet], [PLAN], { from: 'sheet' })[0].how).toBe('new');
    expect(matchDocuments([], [sheet], [PLAN], { from: 'file' })[0].document?.id).toBe('sheet');
    expect(matchDocuments([], [stored('file')], [PLAN], { from: 'sheet' })[0].document?.id).toBe('file');
  });

  it('takes the newest of several and names the others; a similar title is only named', () => {
    const older = stored('older');
    const newer = stored('newer', { updatedAt: '2026-02-01T00:00:00.000Z' });
    const [m] = matchDocuments([], [older, newer, stored('gone', { removed: true })], [PLAN], {
      from: 'file',
    });
    expect(m.document?.id).toBe('newer');
    expect(m.alternatives.map((d) => d.id)).toEqual(['older']);
    const similar = { ...PLAN, title: 'План работы кластера машиностроения и металлообработки на 2022 год' };
    const [n] = matchDocuments([], [older], [similar], { from: 'file' });
    expect(n).toMatchObject({ how: 'new', document: null });
    expect(n.similar.map((d) => d.id)).toEqual(['older']);
  });

  it('the caller’s pick wins for the first document', () => {
    const picked = stored('picked', { title: 'Совсем другой', kind: 'roadmap' });
    const [m] = matchDocuments([], [stored('same'), picked], [PLAN], { from: 'file', chosen: picked });
    expect(m).toMatchObject({ how: 'chosen', document: { id: 'picked' } });
  });
});
