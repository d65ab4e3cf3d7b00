// The digest that `resyncIfUnchanged` compares: over everything the documents would be read from.
import { hash } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/**
 * The key outlives the process (sources.last_snapshot_key), so it names the code that read the
 * sheet: a release that reads sheets differently has another version. (`today` is in the key as
 * well, so an answer is never reused past its day.)
 */
const READER = [require('../../package.json').version, require('../../../shared/package.json').version].join(
  '/',
);

/**
 * Pass the raw snapshot and all that reading it depends on, e.g.
 * `[cluster, payload.source, { today, soonDays, period, … }, rowsDigest]`.
 * Key order matters, so build the object the same way every time.
 */
export function snapshotKeyOf(parts: unknown): string {
  return hash('sha256', JSON.stringify([READER, parts]), 'base64url');
}
