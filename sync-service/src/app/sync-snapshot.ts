// The sync of one snapshot, in named steps: prepare (CPU work before any lock), then inside the
// source's transaction load what the store has, plan (the pure sync engine), write; then answer.
// An identical resync (same snapshot key, nothing written since) skips all of it: see resync.ts.
import { randomUUID } from 'node:crypto';
import { DEFAULT_SOON_DAYS, emptyDiscipline } from '@cluster/shared';
import type { Store } from '../store/api.ts';
import type { SourceSession } from '../store/sync-types.ts';
import type { SnapshotInput, SyncHooks, SyncOutcome } from '../store/types.ts';
import { planDocuments } from '../sync/documents-plan.ts';
import { pairItems, planItems } from '../sync/items-plan.ts';
import { type DesiredDocument, desiredDocuments, type Prepared, preparedItems } from '../sync/prepare.ts';
import { outcomeOf, syncWriteOf } from '../sync/sync-plan.ts';
import { turn } from '../turn.ts';
import { adoptDocuments, matchNotes } from './document-identity.ts';
import { invalid } from './errors.ts';
import { cacheKey, ResyncCache } from './resync-cache.ts';

// One memory per store object: a second store in the same process (tests, the bench) behaves as
// another service process would.
const caches = new WeakMap<Store, ResyncCache>();
export function resyncCacheOf(store: Store): ResyncCache {
  let cache = caches.get(store);
  if (!cache) {
    cache = new ResyncCache();
    caches.set(store, cache);
  }
  return cache;
}

/** Items prepared between which waiting requests get a turn. */
const PREPARE_SLICE = 2_000;

/** prepareItems with a turn of the event loop every PREPARE_SLICE items. */
async function prepareInTurns(input: SnapshotInput): Promise<Prepared[]> {
  const out: Prepared[] = [];
  for (const p of preparedItems(input)) {
    if (out.push(p) % PREPARE_SLICE === 0) await turn();
  }
  return out;
}

async function loadAndPlan(
  session: SourceSession,
  input: SnapshotInput,
  prepared: readonly Prepared[],
  desired: readonly DesiredDocument[],
  startedAt: string,
) {
  const [stored, items] = [await session.documents(), await session.items()];
  const documents = planDocuments(stored, desired);
  const pairing = pairItems(prepared, items);
  const contents = await session.contents(pairing.contentChanged);
  const syncId = randomUUID();
  const at = new Date().toISOString();
  const itemsPlan = planItems({
    prepared,
    pairing,
    contents,
    documentIds: documents.ids,
    where: { clusterId: session.clusterId, sourceId: session.sourceId, at, syncId },
  });
  const write = syncWriteOf(
    {
      syncId,
      at,
      day: input.today ?? at.slice(0, 10),
      startedAt,
      actor: input.actor,
      revision: input.revision ?? null,
      snapshotKey: input.snapshotKey ?? null,
    },
    documents,
    itemsPlan,
  );
  return { write, ids: itemsPlan.ids, documentIds: documents.ids };
}

/**
 * Diffs the snapshot against the source's stored items and writes items, history and a sync run in
 * one transaction. Syncs of one source serialise (also across processes). Throws StoreError
 * 'not_found' for an unknown cluster; any failure writes nothing.
 */
export async function applySnapshot(
  store: Store,
  input: SnapshotInput,
  hooks: SyncHooks = {},
): Promise<SyncOutcome> {
  if (!input.actor) throw invalid('Не указано, кто синхронизирует (actor)');
  const startedAt = new Date().toISOString();
  // Preparing and planning a big sheet are long synchronous work: other requests get turns.
  const prepared = await prepareInTurns(input);
  const desired = desiredDocuments(input);
  await turn();
  const place = { cluster: input.cluster, source: input.source };
  const { outcome, contentVersion, tallied } = await store.syncs.withSource(
    { ...place, title: input.title },
    async (session) => {
      const matches = await adoptDocuments(session, input, desired);
      const { write, ids, documentIds } = await loadAndPlan(session, input, prepared, desired, startedAt);
      await turn();
      const contentVersion = await session.write(write, hooks);
      const outcome = outcomeOf(write, prepared, ids);
      const notes = matchNotes(matches, documentIds, desired);
      if (notes.length) outcome.summary = { ...outcome.summary, matches: notes };
      const tallied = write.run.outcome === 'changed' ? write.day : null;
      return { outcome, contentVersion, tallied };
    },
  );
  if (tallied) await recordDiscipline(store, input.cluster, tallied);
  const cache = resyncCacheOf(store);
  if (input.snapshotKey) cache.remember(cacheKey(place), input.snapshotKey, contentVersion, outcome.summary);
  else cache.forget(cacheKey(place));
  return outcome;
}

/**
 * Beside the day's tally the sync rewrote, the cluster's КИД as of that day, from the rollups just
 * written (the dashboard's sums, the report's rule): a later report's «change since» needs the КИД
 * of an earlier day, and today's marks cannot tell it (a done item counts as done whatever the day).
 * After the commit: the rollups are read outside the sync's transaction; a sync of another source
 * of the cluster ending at once may leave the other's read, and the next sync rewrites the day.
 */
async function recordDiscipline(store: Store, cluster: string, day: string): Promise<void> {
  const sums = await store.rollups.day({ clusterSlugs: [cluster], asOf: day, soonDays: DEFAULT_SOON_DAYS });
  const counts = sums.clusters.find((c) => c.clusterSlug === cluster)?.discipline ?? emptyDiscipline();
  await store.tallies.recordDiscipline(cluster, day, counts);
}
