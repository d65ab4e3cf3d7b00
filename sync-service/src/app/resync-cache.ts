// The last answers by source, kept in this process's memory so an identical resync answers
// without reading the store's items again (the store's content version tells when one is stale).
import type { SyncSummary } from '@cluster/shared';
import { sourceKey } from '../store/sources.ts';
import type { SourcePlace } from '../store/sync-types.ts';

interface Entry {
  snapshotKey: string;
  contentVersion: number;
  summary: SyncSummary;
}

export const cacheKey = (place: SourcePlace) => `${place.cluster}\u0000${sourceKey(place.source)}`;

/**
 * Last answers by source, bounded by the number of items they hold (an answer's items, and the
 * encoded JSON the sync route keeps with them, take about 1.5 KB an item).
 */
export class ResyncCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxItems: number;
  #items = 0;

  constructor(maxItems = 50_000) {
    this.#maxItems = maxItems;
  }

  get(place: string): Entry | undefined {
    const entry = this.#entries.get(place);
    if (entry) {
      this.#entries.delete(place);
      this.#entries.set(place, entry);
    }
    return entry;
  }

  remember(place: string, snapshotKey: string, contentVersion: number, summary: SyncSummary): void {
    this.forget(place);
    if (summary.items.length > this.#maxItems) return;
    this.#entries.set(place, { snapshotKey, contentVersion, summary });
    this.#items += summary.items.length;
    for (const [oldest, entry] of this.#entries) {
      if (this.#items <= this.#maxItems) break;
      this.#entries.delete(oldest);
      this.#items -= entry.summary.items.length;
    }
  }

  forget(place: string): void {
    const entry = this.#entries.get(place);
    if (!entry) return;
    this.#entries.delete(place);
    this.#items -= entry.summary.items.length;
  }
}
