// Recognition is a pure function of the rows and the reading options, and an add-in resends an
// unchanged sheet often: the last result per sheet is kept (bounded by item count) so an identical
// snapshot skips straight to the store's diff. Callers treat the documents as read-only.
import { createHash } from 'node:crypto';
import type { Document } from '@cluster/shared';

interface Entry {
  key: string;
  documents: Document[];
  items: number;
}

export class RecognitionCache {
  #entries = new Map<string, Entry>();
  #items = 0;
  readonly maxItems: number;

  constructor(maxItems = 50_000) {
    this.maxItems = maxItems;
  }

  /** Fingerprint of everything recognition depends on. */
  static keyOf(parts: unknown[]): string {
    const hash = createHash('sha256');
    for (const part of parts) hash.update(JSON.stringify(part) ?? 'undefined').update('\u0000');
    return hash.digest('base64url');
  }

  /** The cached documents for `sheet` when its fingerprint is `key`; otherwise computes and keeps them. */
  get(sheet: string, key: string, compute: () => Document[]): Document[] {
    return this.lookup(sheet, key) ?? this.keep(sheet, key, compute());
  }

  /** As get, for a computation that runs elsewhere (a child process). */
  async getAsync(sheet: string, key: string, compute: () => Promise<Document[]>): Promise<Document[]> {
    return this.lookup(sheet, key) ?? this.keep(sheet, key, await compute());
  }

  private lookup(sheet: string, key: string): Document[] | undefined {
    const hit = this.#entries.get(sheet);
    if (!hit || hit.key !== key) return undefined;
    // Refresh its place in the LRU order.
    this.#entries.delete(sheet);
    this.#entries.set(sheet, hit);
    return hit.documents;
  }

  private keep(sheet: string, key: string, documents: Document[]): Document[] {
    const items = documents.reduce((n, d) => n + d.items.length, 0);
    this.#drop(sheet);
    if (items <= this.maxItems) {
      this.#entries.set(sheet, { key, documents, items });
      this.#items += items;
      for (const [name] of this.#entries) {
        if (this.#items <= this.maxItems) break;
        this.#drop(name);
      }
    }
    return documents;
  }

  #drop(sheet: string): void {
    const old = this.#entries.get(sheet);
    if (!old) return;
    this.#items -= old.items;
    this.#entries.delete(sheet);
  }
}
