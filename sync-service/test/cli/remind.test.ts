// The real `cluster-sync` bin: contact add/list/remove, cluster update, remind (dry run, sending over
// SMTP to a loopback peer, exit code on failure), and two `serve` processes on one PostgreSQL
// store running the day's reminders once (REMIND_AT already past).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, type Item } from '@cluster/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySnapshot } from '../../src/app/sync-snapshot.ts';
import { todayIn } from '../../src/config.ts';
import { openStore } from '../../src/store/store.ts';
import { runBin } from '../helpers/cli.ts';
import { createTempDatabase } from '../helpers/pg-database.ts';
import { type SmtpPeer, startSmtpPeer } from '../helpers/remind-peers.ts';
import { startServe } from '../helpers/serve-process.ts';
import { doc, item } from '../helpers/store-fixtures.ts';

const dated = (row: number, title: string, due: string, executors: string[]): Item =>
  item(row, `${row}.`, title, {
    executors,
    deadline: { raw: `до ${due.split('-').reverse().join('.')}`, kind: 'date', start: null, due },
  });

async function seedItems(config: { dataDir?: string; databaseUrl?: string }, today: string) {
  const store = await openStore(config);
  try {
    await store.clusters.create({ slug: 'kaluga', name: 'Калужский кластер', region: 'Калужская область' });
    await applySnapshot(store, {
      cluster: 'kaluga',
      source: { kind: 'file', fileName: 'plan.xlsx' },
      title: 'План',
      documents: [
        doc([
          dated(1, 'Утвердить план', addDays(today, 7), ['Пояркова О.Н.']),
          dated(2, 'Провести совет', addDays(today, 1), ['Председатель КС']),
        ]),
      ],
      actor: 'test',
      today,
    });
  } finally {
    await store.close();
  }
}

describe('cluster-sync contact and remind', () => {
  let dir: string;
  let smtp: SmtpPeer;
  const today = todayIn('Europe/Moscow');
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cs-remind-cli-'));
    smtp = await startSmtpPeer();
    await seedItems({ dataDir: join(dir, 'data') }, today);
  });
  afterAll(async () => {
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const env = () => ({ DATA_DIR: join(dir, 'data'), DATABASE_URL: '', SMTP_URL: smtp.url, REMIND_AT: 'off' });

  it('contacts: add, list with the executors still missing, refuse bad input, remove', async () => {
    let r = await runBin(
      ['contact', 'add', '--cluster', 'kaluga', '--executor', 'Пояркова О. Н.', '--email', 'p@example.ru'],
      { env: env() },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Контакт «Пояркова О.Н.» (kaluga): p@example.ru');
    r = await runBin(['contact', 'add', '--cluster', 'kaluga', '--executor', 'X', '--email', 'not-mail'], {
      env: env(),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--email/);
    r = await runBin(['contact', 'add', '--cluster', 'nope', '--executor', 'X', '--email', 'x@example.ru'], {
      env: env(),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Кластер «nope» не найден/);
    r = await runBin(['contact', 'list', '--cluster', 'kaluga'], { env: env() });
    expect(r.stdout.split('\n')[0]).toBe('kaluga\tПояркова О.Н.\t\tp@example.ru\t\t\t');
    expect(r.stdout).toContain('Исполнители без контактов:\nkaluga\tПредседатель КС\t1');
    r = await runBin(
      ['contact', 'add', '--cluster', 'kaluga', '--executor', 'Председатель КС', '--email', 'c@example.ru'],
      {
        env: env(),
      },
    );
    r = await runBin(['contact', 'remove', '--cluster', 'kaluga', '--executor', 'Председатель КС'], {
      env: env(),
    });
    expect(r.code).toBe(0);
    r = await runBin(['contact', 'remove', '--cluster', 'kaluga', '--executor', 'Председатель КС'], {
      env: env(),
    });
    expect(r.code).toBe(2);
  }, 180_000);

  it('remind --dry-run plans, remind sends once, cluster update sets the ladder', async () => {
    let r = await runBin(['cluster', 'update', 'kaluga', '--remind-days', '3,x'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--remind-days/);
    r = await runBin(
      ['cluster', 'update', 'kaluga', '--coordinator-email', 'coord@example.ru', '--remind-days', '7,1'],
      {
        env: env(),
      },
    );
    expect(r.stdout).toContain('координатор coord@example.ru, напоминания за 7, 1 дн.');
    r = await runBin(['remind', '--dry-run'], { env: env() });
    expect(r.stdout).toContain('будет\temail\tp@example.ru\tПояркова О.Н.\t1\t');
    expect(smtp.mails).toHaveLength(0);
    r = await runBin(['remind', '--as-of', today], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('отправлено\temail\tp@example.ru');
    expect(smtp.mails).toHaveLength(1);
    r = await runBin(['remind', '--as-of', today], { env: env() });
    expect(r.stdout).toContain('отправлено 0, не удалось 0');
    expect(smtp.mails).toHaveLength(1);
    r = await runBin(['remind', '--as-of', '2026-13-01'], { env: env() });
    expect(r.code).toBe(2);
  }, 180_000);
});

describe('two serve processes on one PostgreSQL store', () => {
  it('send the day’s reminders once', async () => {
    const db = await createTempDatabase();
    const smtp = await startSmtpPeer();
    const today = todayIn('Europe/Moscow');
    try {
      await seedItems({ databaseUrl: db.url }, today);
      const store = await openStore({ databaseUrl: db.url });
      const kaluga = await store.clusters.getBySlug('kaluga');
      await store.contacts.upsert(kaluga!.id, {
        executor: 'Пояркова О.Н.',
        executorKey: 'пояркова о.н',
        email: 'p@example.ru',
      });
      await store.contacts.upsert(kaluga!.id, {
        executor: 'Председатель КС',
        executorKey: 'председатель кс',
        email: 'c@example.ru',
      });
      const env = {
        DATABASE_URL: db.url,
        SMTP_URL: smtp.url,
        REMIND_AT: '00:00',
        APP_TIME_ZONE: 'Europe/Moscow',
      };
      const [a, b] = await Promise.all([startServe(env), startServe(env)]);
      try {
        const deadline = Date.now() + 60_000;
        while (Date.now() < deadline) {
          const run = await store.reminders.lastRun();
          if (run?.finishedAt && smtp.mails.length >= 2) break;
          await new Promise((r) => setTimeout(r, 200));
        }
        await new Promise((r) => setTimeout(r, 500));
        expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['c@example.ru', 'p@example.ru']);
        expect((await store.reminders.lastRun())?.runDate).toBe(today);
      } finally {
        a.child.kill('SIGTERM');
        b.child.kill('SIGTERM');
        await Promise.all([a.exited, b.exited]);
        await store.close();
      }
    } finally {
      await smtp.close();
      await db.drop();
    }
  }, 180_000);
});
