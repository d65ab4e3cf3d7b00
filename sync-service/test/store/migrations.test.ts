// Migration 10: a SQLite store written before the text rule loses its NULs (PostgreSQL refuses
// them), so it can be moved to PostgreSQL; text without one is left as it was.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE } from '../../src/store/db.ts';
import { openStore } from '../../src/store/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'cs-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 10 (no NUL in text)', () => {
  it('removes NULs from every text column of a SQLite store, once', async () => {
    const store = await openStore({ dataDir: dir });
    await store.clusters.create({ slug: 'a', name: 'Кластер', region: 'Томская область' });
    await store.close();
    // As an older service would have left it: NULs written, migration 10 not yet applied.
    const db = new DatabaseSync(join(dir, SQLITE_FILE));
    db.prepare("UPDATE clusters SET name = 'Кла' || char(0) || 'стер', industry = char(0)").run();
    db.prepare('DELETE FROM schema_migrations WHERE version = 10').run();
    db.close();
    const again = await openStore({ dataDir: dir });
    const cluster = await again.clusters.getBySlug('a');
    await again.close();
    expect(cluster?.name).toBe('Кластер');
    expect(cluster?.industry).toBe('');
  });
});
