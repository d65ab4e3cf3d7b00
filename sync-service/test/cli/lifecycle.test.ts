// The lifecycle commands through the real `cluster-sync` bin, on SQLite (DATA_DIR) and PostgreSQL
// (DATABASE_URL): document list (tab-separated, id first, last sync to the minute), the same plan
// imported as .xlsx and .csv listed once, archive/unarchive, department list/remove, source remove
// and cluster remove refusing while documents remain.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli.ts';
import { type ProcessStore, processStore } from '../helpers/store-backends.ts';

const DOCUMENTS = fileURLToPath(new URL('../../../fixtures/documents/', import.meta.url));

describe.each(['sqlite', 'postgres'] as const)('lifecycle commands on %s', (backend) => {
  let dir: string;
  let db: ProcessStore | undefined;
  let env: Record<string, string>;
  const run = async (...args: string[]) => {
    const res = await runBin(args, { env });
    return res;
  };
  const ok = async (...args: string[]) => {
    const res = await run(...args);
    expect(res.code, res.stderr).toBe(0);
    return res.stdout;
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cli-lifecycle-'));
    db = await processStore(backend, join(dir, 'data'));
    env = { ...db.env, APP_TIME_ZONE: 'Europe/Moscow' };
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists, archives and removes', async () => {
    await ok(
      'cluster',
      'add',
      'mash',
      '--name',
      'Машиностроение',
      '--region',
      'Калужская область',
      '--new-region',
    );
    await ok('import', join(DOCUMENTS, 'plan.xlsx'), '--cluster', 'mash');
    const csv = await ok('import', join(DOCUMENTS, 'plan.csv'), '--cluster', 'mash');
    expect(csv).toContain('новых 0');
    expect(csv).toContain('plan.xlsx');

    const lines = (await ok('document', 'list')).trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const fields = lines[0].split('\t');
    expect(fields).toHaveLength(7);
    const [id, cluster, kind, title, period, items, last] = fields;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect([cluster, kind, period, items]).toEqual(['mash', 'work_plan', '2022-01-01..2022-12-31', '5']);
    expect(title).toContain('План работы');
    expect(last).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    expect(await ok('document', 'archive', id)).toContain('в архив');
    expect(await ok('document', 'list', '--cluster', 'mash')).toBe('Документов пока нет\n');
    expect((await ok('document', 'list', '--archived')).split('\t')[0]).toBe(id);
    await ok('document', 'unarchive', id);
    expect((await ok('document', 'list')).split('\t')[0]).toBe(id);

    const refused = await run('cluster', 'remove', 'mash');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^Ошибка: У кластера «mash»: 1 документ\. .*--with-documents/);
    // The .xlsx source gave its document to the .csv one: it can go alone; the other holds the plan.
    const sources = (await ok('source', 'list'))
      .trimEnd()
      .split('\n')
      .map((l) => l.split('\t'));
    const xlsx = sources.find((s) => s[2] === 'plan.xlsx')!;
    const csvSource = sources.find((s) => s[2] === 'plan.csv')!;
    await ok('source', 'remove', xlsx[0]);
    expect((await run('source', 'remove', csvSource[0])).code).toBe(2);
    expect((await ok('document', 'list')).split('\t')[0]).toBe(id);
    expect(await ok('cluster', 'remove', 'mash', '--with-documents')).toContain('вместе с документами (1)');
    expect(await ok('document', 'list')).toBe('Документов пока нет\n');

    await ok(
      'department',
      'add',
      'kaluga-edu',
      '--name',
      'Министерство образования',
      '--region',
      'Калужская область',
    );
    expect(await ok('department', 'list')).toBe('kaluga-edu\tМинистерство образования\tКалужская область\n');
    await ok('department', 'remove', 'kaluga-edu');
    expect(await ok('department', 'list')).toBe('Департаментов пока нет\n');
    expect((await run('department', 'remove', 'kaluga-edu')).code).toBe(2);
  }, 300_000);
});
