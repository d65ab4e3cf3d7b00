// remind: the daily reminder run over 10,000 items of 5 clusters and 500 contacts (SQLite store in a
// temp folder), sending over SMTP to a local smtp-server peer on loopback. Same data in --quick.
//   remind_ms_10k_items      one whole run: plan the ladder over every item, claim once, send all
//   remind_messages          messages that run sent (one per contact with an item on a step that day)
//   remind_messages_per_s    messages delivered per second through the e-mail channel to the peer
//                            (4 at once, as the run sends), measured apart from planning
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, type Item } from '@cluster/shared';
import { runReminders } from '@cluster/sync-service/app/remind.ts';
import { applySnapshot } from '@cluster/sync-service/app/sync-snapshot.ts';
import { loadConfig } from '@cluster/sync-service/config.ts';
import { emailChannel } from '@cluster/sync-service/remind/channels.ts';
import { makeServices } from '@cluster/sync-service/services.ts';
import { openStore } from '@cluster/sync-service/store/store.ts';
import { SMTPServer } from 'smtp-server';
import type { BenchContext } from './run.ts';

const AS_OF = '2026-06-08';
const CLUSTERS = 5;
const ITEMS = 10_000;
const CONTACTS = 500;

async function smtpPeer() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function items(cluster: number): Item[] {
  const per = ITEMS / CLUSTERS;
  const people = CONTACTS / CLUSTERS;
  return Array.from({ length: per }, (_, i) => {
    const due = addDays(AS_OF, (i % 40) - 12);
    return {
      row: i + 2,
      number: `${i + 1}`,
      task: '',
      title: `Мероприятие ${cluster}.${i + 1} по плану работы кластера`,
      executors: [`Исполнитель ${cluster}-${i % people}`],
      deadline: { raw: `до ${due.split('-').reverse().join('.')}`, kind: 'date', start: null, due },
      result: 'Отчёт',
      mark: { raw: '', status: 'none' },
      state: 'upcoming',
      problems: [],
    };
  });
}

export async function run(_ctx: BenchContext): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-remind-'));
  const peer = await smtpPeer();
  const store = await openStore({ dataDir: dir });
  try {
    for (let c = 0; c < CLUSTERS; c++) {
      const slug = `cluster-${c}`;
      const cluster = await store.clusters.create({ slug, name: `Кластер ${c}`, region: `Регион ${c % 2}` });
      await store.remindSettings.update(slug, { coordinatorEmail: `coord-${c}@example.ru` });
      await applySnapshot(store, {
        cluster: slug,
        source: { kind: 'file', fileName: `${slug}.xlsx` },
        title: 'План',
        documents: [{ title: 'План работы на 2026 год', kind: 'work_plan', period: null, items: items(c) }],
        actor: 'bench',
        today: '2026-01-01',
      });
      for (let k = 0; k < CONTACTS / CLUSTERS; k++) {
        const executor = `Исполнитель ${c}-${k}`;
        await store.contacts.upsert(cluster.id, {
          executor,
          executorKey: executor.toLowerCase(),
          email: `person-${c}-${k}@example.ru`,
        });
      }
    }
    const services = makeServices(
      loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', SMTP_URL: peer.url, REMIND_AT: 'off' }),
      store,
    );
    const started = performance.now();
    const result = await runReminders(services, { asOf: AS_OF });
    const runMs = performance.now() - started;
    if (result.failed > 0 || result.delivered === 0 || peer.received() !== result.delivered)
      throw new Error(
        `remind bench: delivered ${result.delivered}, failed ${result.failed}, peer ${peer.received()}`,
      );

    const channel = emailChannel(peer.url, 'bench <bench@example.ru>');
    const body = 'Напоминание о сроках\n'.repeat(40);
    const count = 1000;
    let next = 0;
    const sendStarted = performance.now();
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < count) {
          const i = next++;
          await channel.send({ address: `p${i}@example.ru`, subject: `Напоминание ${i}`, body });
        }
      }),
    );
    const perSecond = count / ((performance.now() - sendStarted) / 1000);
    channel.close();
    return {
      remind_ms_10k_items: runMs,
      remind_messages: result.delivered,
      remind_messages_per_s: perSecond,
    };
  } finally {
    await store.close();
    await peer.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
