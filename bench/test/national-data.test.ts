// The national bench's data set is what it claims, at the quick size, on both backends: written
// through the sync path, every cluster's items by state on today (judged by the store in JS and in
// SQL), documents and their counts, removed rows, deadline moves, postponements, late completions,
// the rare search word, the day's tallies, regions and departments with working tokens.
import { type ItemState, isoParts } from '@cluster/shared';
import type { Store } from '@cluster/sync-service/store/store.ts';
import { BACKENDS, useStores } from '@cluster/sync-service/test/helpers/store-backends.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { type NationalManifest, writeNational } from '../national-data.ts';
import { ITEM_STATES_ALL, QUICK_SIZE, SOON_DAYS } from '../national-plan.ts';
import { RARE_WORD } from '../roadmap-words.ts';

const emptyStates = () => Object.fromEntries(ITEM_STATES_ALL.map((s) => [s, 0])) as Record<ItemState, number>;
const hash = async (token: string) =>
  Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))).toString('hex');

describe.each(BACKENDS)('national data set on $name', (backend) => {
  const stores = useStores(backend, 'all');
  let store: Store;
  let manifest: NationalManifest;

  beforeAll(async () => {
    ({ store } = await stores.fresh());
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
    manifest = await writeNational(store, QUICK_SIZE, today, {
      concurrency: backend.name === 'postgres' ? 4 : 1,
    });
  }, 300_000);

  it('has the size it claims, every state present, regions and departments with tokens', async () => {
    const { totals } = manifest;
    expect(manifest.clusters).toHaveLength(QUICK_SIZE.clusters);
    expect(totals.items).toBe(QUICK_SIZE.clusters * QUICK_SIZE.itemsPerCluster);
    for (const s of ITEM_STATES_ALL) expect(totals.states[s], s).toBeGreaterThan(totals.items / 100);
    for (const k of ['doneLate', 'removed', 'moved', 'postponed', 'rare'] as const)
      expect(totals[k], k).toBeGreaterThan(0);
    expect((await store.clusters.list()).length).toBe(QUICK_SIZE.clusters);
    expect((await store.regions.list()).map((r) => r.name).sort()).toEqual([...manifest.regions].sort());
    expect(manifest.regions).toHaveLength(QUICK_SIZE.regions);
    for (const d of manifest.tokens.departments) {
      const token = await store.tokens.findByHash(await hash(d.token));
      expect(token?.kind).toBe('department');
      expect((await store.departments.getBySlug(d.slug))?.region).toBe(d.region);
    }
    expect((await store.tokens.findByHash(await hash(manifest.tokens.admin)))?.kind).toBe('admin');
  });

  it("gives each cluster's items by state on today, moves, postponements and late completions", async () => {
    const seen = new Map<
      string,
      { states: Record<ItemState, number>; moved: number; postponed: number; late: number }
    >();
    for await (const batch of store.items.iterate({ asOf: { today: manifest.today, soonDays: SOON_DAYS } })) {
      for (const item of batch) {
        const c = seen.get(item.clusterSlug) ?? { states: emptyStates(), moved: 0, postponed: 0, late: 0 };
        seen.set(item.clusterSlug, c);
        c.states[item.state]++;
        if (item.deadlineMoves > 0) c.moved++;
        if (item.mark.status === 'postponed') c.postponed++;
        if (
          item.mark.status === 'done' &&
          item.mark.date &&
          item.effectiveDue &&
          item.mark.date > item.effectiveDue
        )
          c.late++;
      }
    }
    for (const { slug, expected } of manifest.clusters) {
      const got = seen.get(slug);
      expect(got?.states, slug).toEqual(expected.states);
      expect(got?.moved, slug).toBe(expected.moved);
      expect(got?.postponed, slug).toBe(expected.postponed);
      expect(got?.late, slug).toBe(expected.doneLate);
    }
  });

  it('gives the same totals by state when the store judges states in SQL', async () => {
    const stateOn = { today: manifest.today, soonDays: SOON_DAYS };
    for (const s of ITEM_STATES_ALL)
      expect(await store.items.count({ state: s, stateOn }), s).toBe(manifest.totals.states[s]);
  });

  it('has three documents per cluster with their item counts, the removed rows and the rare word', async () => {
    const documents = await store.documents.list();
    expect(documents).toHaveLength(manifest.totals.documents);
    const perCluster = new Map<string, number>();
    for (const d of documents) {
      perCluster.set(d.clusterSlug, (perCluster.get(d.clusterSlug) ?? 0) + d.itemCount);
      const year = isoParts(manifest.today)[0];
      expect(d.period, d.title).toEqual({ start: `${year - 1}-01-01`, end: `${year + 1}-12-31` });
    }
    for (const { slug, expected } of manifest.clusters)
      expect(perCluster.get(slug), slug).toBe(expected.items);
    expect(await store.items.count({ removedOnly: true })).toBe(manifest.totals.removed);
    expect(await store.items.count({ q: RARE_WORD })).toBe(manifest.totals.rare);
  });

  it("keeps today's tally of each cluster: its items by state as the last sync stored them", async () => {
    const tallies = await store.tallies.series({ since: manifest.today, until: manifest.today });
    const today = new Map(
      tallies.filter((t) => t.day === manifest.today).map((t) => [t.clusterSlug, t.byState]),
    );
    for (const { slug, expected } of manifest.clusters) {
      const byState = today.get(slug);
      expect(byState, slug).toBeDefined();
      expect(
        Object.values(byState ?? {}).reduce((a, b) => a + b, 0),
        slug,
      ).toBe(expected.items);
    }
  });
});
