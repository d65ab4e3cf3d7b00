// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are checked field by field
// The admin commands through the real `cluster-sync` bin, on a real store in DATA_DIR (and one
// run on PostgreSQL through DATABASE_URL): cluster/department/source add, token create, import,
// --help, and one-line errors with exit code 2.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/http/tokens.ts';
import { openStore } from '../../src/store/store.ts';
import { runBin, SAMPLES } from '../helpers/cli.ts';
import { createTempDatabase, type TempDatabase } from '../helpers/pg-database.ts';

const COMMANDS = [
  'serve',
  'import',
  'cluster add',
  'cluster list',
  'department add',
  'department set',
  'token create',
  'token list',
  'token revoke',
  'source add',
  'source list',
  'pull',
];

function oneErrorLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^Ошибка: /);
  return lines[0];
}

describe('admin commands on the embedded store', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-admin-'));
    env = { DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(COMMANDS)('%s --help', async (name) => {
    const res = await runBin([...name.split(' '), '--help'], { env });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Использование: cluster-sync ${name}`);
    expect(res.stderr).toBe('');
  });

  it('registers a cluster and a department, prints a token alone on one line', async () => {
    const cluster = await runBin(
      [
        'cluster',
        'add',
        'tomsk-build',
        '--name',
        'Строительный кластер',
        '--region',
        'Томская область',
        '--new-region',
        '--industry',
        'строительство',
      ],
      { env },
    );
    expect(cluster.code, cluster.stderr).toBe(0);
    expect(cluster.stdout).toContain('tomsk-build');
    const dep = await runBin(
      ['department', 'add', 'tomsk-edu', '--name', 'Департамент образования', '--region', 'Томская область'],
      { env },
    );
    expect(dep.code, dep.stderr).toBe(0);

    for (const args of [['--cluster', 'tomsk-build'], ['--department', 'tomsk-edu'], ['--admin']]) {
      const res = await runBin(['token', 'create', ...args], { env });
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toMatch(/^\S{20,}\n$/);
      const store = await openStore({ dataDir: env.DATA_DIR });
      try {
        const found = await store.tokens.findByHash(hashToken(res.stdout.trim()));
        expect(found?.kind).toBe(args[0].slice(2));
      } finally {
        await store.close();
      }
    }
    const list = await runBin(['cluster', 'list', '--json'], { env });
    expect(JSON.parse(list.stdout).clusters[0]).toMatchObject({
      slug: 'tomsk-build',
      industry: 'строительство',
    });
  });

  it('department set: the addressee and signature of its reports; blank clears, unknown refused', async () => {
    const set = await runBin(
      [
        'department',
        'set',
        'tomsk-edu',
        '--addressee',
        'Начальнику департамента',
        '--signer-name',
        'И.И. Иванова',
      ],
      { env },
    );
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('адресат Начальнику департамента');
    const clear = await runBin(['department', 'set', 'tomsk-edu', '--addressee', ''], { env });
    expect(clear.code, clear.stderr).toBe(0);
    const store = await openStore({ dataDir: env.DATA_DIR });
    try {
      expect((await store.departments.getBySlug('tomsk-edu'))?.settings).toEqual({
        addressee: null,
        signerTitle: null,
        signerName: 'И.И. Иванова',
      });
    } finally {
      await store.close();
    }
    const none = await runBin(['department', 'set', 'tomsk-edu'], { env });
    expect(none.code).toBe(2);
    expect(oneErrorLine(none.stderr)).toContain('addressee, signerTitle, signerName');
    const unknown = await runBin(['department', 'set', 'nope', '--addressee', 'x'], { env });
    expect(unknown.code).toBe(2);
    expect(oneErrorLine(unknown.stderr)).toContain('Департамент «nope» не найден');
  }, 120_000);

  it('imports a sample through the sync path; a second import changes nothing', async () => {
    const file = join(SAMPLES, 'roadmap-tomsk-construction-2021.txt');
    const first = await runBin(['import', file, '--cluster', 'tomsk-build', '--json'], { env });
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.created).toBeGreaterThan(5);
    const second = await runBin(['import', file, '--cluster', 'tomsk-build'], { env });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('новых 0');
    expect(second.stdout).toContain(`без изменений ${summary.created}`);
  });

  it('registers a Google sheet source from its address', async () => {
    const res = await runBin(
      [
        'source',
        'add',
        '--cluster',
        'tomsk-build',
        '--spreadsheet',
        'https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUv/edit#gid=123',
      ],
      { env },
    );
    expect(res.code, res.stderr).toBe(0);
    const list = await runBin(['source', 'list', '--json'], { env });
    const sheet = JSON.parse(list.stdout).sources.find((s: any) => s.kind === 'sheet');
    expect(sheet).toMatchObject({
      spreadsheetId: '1AbCdEfGhIjKlMnOpQrStUv',
      sheetId: 123,
      clusterSlug: 'tomsk-build',
    });
  });

  it.each([
    [['cluster', 'add', 'Bad Slug', '--name', 'X', '--region', 'R'], 'SLUG'],
    [['cluster', 'add', 'tomsk-build', '--name', 'Дубль', '--region', 'R'], 'уже есть'],
    [['cluster', 'add', 'x1', '--region', 'R'], '--name'],
    [['department', 'add', 'd1', '--name', 'D'], '--region'],
    [['department', 'add', 'd2', '--name', 'D', '--region', 'Томская обл.'], '«Томская область»'],
    [['cluster', 'add', 'x2', '--name', 'X', '--region', 'Томскя область'], 'Похожие: «Томская область»'],
    [['cluster', 'add', 'x3', '--name', 'X', '--region', 'Марс'], '--new-region'],
    [['cluster', 'add', 'x4', '--name', 'X', '--region', 'г. Томская обл', '--new-region'], 'уже есть'],
    [['token', 'create'], 'ровно одно'],
    [['token', 'create', '--admin', '--cluster', 'tomsk-build'], 'ровно одно'],
    [['token', 'create', '--cluster', 'nope'], 'nope'],
    [['import', 'missing.txt', '--cluster', 'tomsk-build'], 'не найден'],
    [['import', join(SAMPLES, 'roadmap-tomsk-construction-2021.txt'), '--cluster', 'nope'], 'nope'],
    [['import', join(SAMPLES, 'roadmap-tomsk-construction-2021.txt')], '--cluster'],
    [['source', 'add', '--cluster', 'tomsk-build', '--spreadsheet', 'x', '--sheet-id', 'a'], '--sheet-id'],
    [['pull'], 'GOOGLE_APPLICATION_CREDENTIALS'],
    [['serve', '--port', 'eighty'], '--port'],
  ])('%j fails with one line and exit 2', async (args, fragment) => {
    const res = await runBin(args as string[], { env });
    expect(res.code).toBe(2);
    expect(oneErrorLine(res.stderr)).toContain(fragment);
    expect(res.stdout).toBe('');
  });

  it('names a wrong environment variable', async () => {
    const res = await runBin(['cluster', 'list'], { env: { ...env, SOON_DAYS: 'много' } });
    expect(res.code).toBe(2);
    expect(oneErrorLine(res.stderr)).toContain('SOON_DAYS');
  });
});

describe('admin commands on PostgreSQL', () => {
  let db: TempDatabase;
  beforeAll(async () => {
    db = await createTempDatabase();
  });
  afterAll(() => db?.drop());

  it('uses DATABASE_URL like serve', async () => {
    const env = { DATABASE_URL: db.url, DATA_DIR: '/nonexistent/never-created' };
    const add = await runBin(
      ['cluster', 'add', 'pg-cluster', '--name', 'PG', '--region', 'R', '--new-region'],
      { env },
    );
    expect(add.code, add.stderr).toBe(0);
    const token = await runBin(['token', 'create', '--cluster', 'pg-cluster'], { env });
    expect(token.code, token.stderr).toBe(0);
    const store = await openStore({ databaseUrl: db.url });
    try {
      expect((await store.clusters.getBySlug('pg-cluster'))?.name).toBe('PG');
      expect(await store.tokens.findByHash(hashToken(token.stdout.trim()))).not.toBeNull();
    } finally {
      await store.close();
    }
  });
});
