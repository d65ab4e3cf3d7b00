// The sync answer's bytes: the same JSON as JSON.stringify would give, with the big arrays
// encoded once per answer and reused by a resync that answers with the same arrays.
import type { SyncSummary } from '@cluster/shared';
import { describe, expect, it } from 'vitest';
import { summaryJson } from '../../../src/features/sync/answer.ts';

const summary = (): SyncSummary =>
  ({
    syncId: 's1',
    documentId: 'd1',
    created: 1,
    changed: 0,
    removed: 0,
    unchanged: 0,
    deadlinesMoved: 0,
    rowIds: [{ row: 4, id: 'i1' }],
    items: [{ id: 'i1', row: 4, number: '1.1', title: 'Совет «Кластер» — "кавычки"\n', executors: [] }],
  }) as unknown as SyncSummary;

const text = (parts: Buffer[]) => Buffer.concat(parts).toString('utf8');

describe('summaryJson', () => {
  it('gives the JSON of the whole answer', async () => {
    const s = summary();
    expect(JSON.parse(text(await summaryJson(s)))).toEqual(JSON.parse(JSON.stringify(s)));
  });

  it('gives the same JSON for an answer encoded in several slices', async () => {
    const one = summary().items[0];
    const s = {
      ...summary(),
      items: Array.from({ length: 4_500 }, (_, i) => ({ ...one, id: `i${i}`, row: i + 4 })),
    } as SyncSummary;
    expect(text(await summaryJson(s))).toBe(JSON.stringify(s));
  });

  it('reuses the encoded arrays for an answer with the same arrays, and only for those', async () => {
    const s = summary();
    const [, tail] = await summaryJson(s);
    const resync = { ...s, syncId: 's2', created: 0, unchanged: 1 };
    const [head2, tail2] = await summaryJson(resync);
    expect(tail2).toBe(tail);
    expect(JSON.parse(text([head2, tail2]))).toMatchObject({ syncId: 's2', created: 0, items: s.items });
    const other = { ...s, rowIds: [{ row: 5, id: 'i1' }] };
    const [, tail3] = await summaryJson(other);
    expect(tail3).not.toBe(tail);
    expect(JSON.parse(text(await summaryJson(other))).rowIds).toEqual([{ row: 5, id: 'i1' }]);
  });
});
