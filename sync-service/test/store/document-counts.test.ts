// A document's item count is stored and recounted by each sync of its source, in the sync's
// transaction: after a first sync, resyncs that remove rows and bring them back, an archive, and a
// failed sync (nothing of it stays), on both backends.
import { beforeAll, describe, expect, it } from 'vitest';
import { applySnapshot } from '../../src/app/sync-snapshot.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import type { Store } from '../../src/store/store.ts';
import { BACKENDS, useStores } from '../helpers/store-backends.ts';
import { doc, item } from '../helpers/store-fixtures.ts';

const rows = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, k) =>
    item(from + k + 2, String(from + k), `Мероприятие ${from + k}`),
  );

describe.each(BACKENDS)('document item counts on $name', (backend) => {
  const stores = useStores(backend, 'all');
  let store: Store;
  const sync = (first: ReturnType<typeof rows>, second: ReturnType<typeof rows>, hooks = {}) =>
    applySnapshot(
      store,
      {
        cluster: 'a',
        source: { kind: 'file', fileName: 'plan.xlsx' },
        documents: [doc(first, 'План'), doc(second, 'Протокол')],
        actor: 'cli',
        today: '2024-03-01',
      },
      hooks,
    );

  /** Stored counts beside the counts of the items themselves. */
  async function counts(): Promise<{ stored: number[]; actual: number[] }> {
    const docs = await store.documents.list({ archived: 'include' });
    const db = (store as SqlStore).db;
    const actual: number[] = [];
    for (const d of docs) {
      const [row] = await db.all<{ n: number | string }>(
        'SELECT COUNT(*) AS n FROM items WHERE document_id = ? AND removed = 0',
        [d.id],
      );
      actual.push(Number(row.n));
    }
    return { stored: docs.map((d) => d.itemCount), actual };
  }

  beforeAll(async () => {
    ({ store } = await stores.fresh());
    await store.clusters.create({ slug: 'a', name: 'А', region: 'Калужская область' });
  }, 60_000);

  it('counts the items of each document after a sync', async () => {
    await sync(rows(1, 5), rows(6, 8));
    expect(await counts()).toEqual({ stored: [5, 3], actual: [5, 3] });
  });

  it('recounts after a resync that removes rows and another that brings them back', async () => {
    await sync(rows(1, 3), rows(6, 8));
    expect(await counts()).toEqual({ stored: [3, 3], actual: [3, 3] });
    await sync(rows(1, 5), rows(6, 7));
    expect(await counts()).toEqual({ stored: [5, 2], actual: [5, 2] });
  });

  it('keeps the count of an archived document (its items stay)', async () => {
    const [first] = await store.documents.list();
    await store.documents.setArchived(first.id, true);
    expect((await store.documents.getById(first.id))?.itemCount).toBe(5);
    expect(await counts()).toEqual({ stored: [5, 2], actual: [5, 2] });
    await store.documents.setArchived(first.id, false);
  });

  it('leaves the counts as they were when a sync fails after writing its items', async () => {
    const failing = sync(rows(1, 1), rows(6, 6), {
      afterWrite: (stage: string) => {
        if (stage === 'items') throw new Error('crash after items');
      },
    });
    await expect(failing).rejects.toThrow('crash after items');
    expect(await counts()).toEqual({ stored: [5, 2], actual: [5, 2] });
  });
});
