// The digest that `resyncIfUnchanged` compares: over everything the documents would be read from.
import { hash } from 'node:crypto';

/**
 * Pass the raw snapshot and all that reading it depends on, e.g.
 * `{ cluster, source: payload.source, rows: payload.rows, settings, today, soonDays }`.
 * Key order matters, so build the object the same way every time.
 */
export function snapshotKeyOf(parts: unknown): string {
  return hash('sha256', JSON.stringify(parts), 'base64url');
}
