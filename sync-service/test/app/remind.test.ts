// The reminder run on both backends against real peers on loopback: contacts, each ladder step on
// chosen days, escalation, the digest, idempotence, a refusing peer and retries, two processes
// sending once, opt-out, and scope (no item of another cluster in a message).
import type { Item } from '@cluster/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addContact } from '../../src/app/contacts.ts';
import { runReminders } from '../../src/app/remind.ts';
import { applySnapshot } from '../../src/app/sync-snapshot.ts';
import { loadConfig } from '../../src/config.ts';
import { type AppServices, makeServices } from '../../src/services.ts';
import type { Store } from '../../src/store/store.ts';
import { type BotPeer, type SmtpPeer, startBotPeer, startSmtpPeer } from '../helpers/remind-peers.ts';
import { BACKENDS, useStores } from '../helpers/store-backends.ts';
import { doc, item } from '../helpers/store-fixtures.ts';

const ADMIN = { kind: 'admin', tokenId: 'test' } as const;

const dated = (row: number, title: string, due: string, executors: string[]): Item =>
  item(row, `1.${row}`, title, {
    executors,
    deadline: { raw: `до ${due.split('-').reverse().join('.')}`, kind: 'date', start: null, due },
  });

async function seed(store: Store) {
  await store.clusters.create({ slug: 'kaluga', name: 'Калужский кластер', region: 'Калужская область' });
  await store.clusters.create({ slug: 'other', name: 'Другой кластер', region: 'Калужская область' });
  await store.departments.create({ slug: 'minobr', name: 'Минобразования', region: 'Калужская область' });
  await store.remindSettings.setDepartmentEmail('minobr', 'dep@example.ru');
  await store.remindSettings.update('kaluga', { coordinatorEmail: 'coord@example.ru' });
  const sync = (cluster: string, items: Item[]) =>
    applySnapshot(store, {
      cluster,
      source: { kind: 'file', fileName: `${cluster}.xlsx` },
      title: 'План',
      documents: [doc(items, 'План работы на 2026 год')],
      actor: 'test',
      today: '2026-05-01',
    });
  await sync('kaluga', [
    dated(1, 'Утвердить план', '2026-06-15', ['Пояркова О. Н.']),
    dated(2, 'Провести совет', '2026-06-10', ['Председатель КС', 'Пояркова О.Н.']),
  ]);
  await sync('other', [dated(1, 'Чужой пункт', '2026-06-15', ['Пояркова О.Н.'])]);
  await addContact(store, ADMIN, {
    cluster: 'kaluga',
    executor: 'Пояркова О.Н.',
    email: 'poyarkova@example.ru',
  });
  await addContact(store, ADMIN, {
    cluster: 'kaluga',
    executor: 'Председатель КС',
    email: 'chair@example.ru',
  });
}

const servicesFor = (store: Store, env: Record<string, string>): AppServices =>
  makeServices(
    loadConfig({
      LOG_LEVEL: 'silent',
      PUBLIC_URL: 'https://roadmaps.example.ru',
      REMIND_DIGEST_WEEKDAY: '1',
      ...env,
    }),
    store,
  );

const fast = { tries: 3, backoffMs: 5 };

for (const backend of BACKENDS) {
  describe(`reminders (${backend.name})`, () => {
    const stores = useStores(backend);
    let smtp: SmtpPeer;
    let bots: BotPeer;
    beforeAll(async () => {
      smtp = await startSmtpPeer();
      bots = await startBotPeer();
    });
    afterEach(async () => {
      smtp.mails.length = 0;
      smtp.refuse = () => undefined;
      bots.messages.length = 0;
      bots.failNext = 0;
    });
    afterAll(async () => {
      await smtp.close();
      await bots.close();
    });

    const fresh = async (env: Record<string, string> = {}) => {
      const { store, config } = await stores.fresh();
      await seed(store);
      return { store, config, services: servicesFor(store, { SMTP_URL: smtp.url, ...env }) };
    };
    const to = (address: string) => smtp.mails.filter((m) => m.to.includes(address));

    it('each ladder step on its day, once; a second run the same day sends nothing', async () => {
      const { services, store } = await fresh();
      // 2026-06-08 (Monday, digest day; nothing overdue): 7 days before item 1, 2 before item 2.
      let r = await runReminders(services, { asOf: '2026-06-08', ...fast });
      expect(r.failed).toBe(0);
      expect(to('poyarkova@example.ru')).toHaveLength(1);
      const first = to('poyarkova@example.ru')[0];
      expect(first.subject).toBe('Напоминание о сроках (2): Калужский кластер');
      expect(first.text).toContain('Утвердить план');
      expect(first.text).toContain('Срок: до 15.06.2026 (15.06.2026)');
      expect(first.text).toContain('срок через 7 дн.');
      expect(first.text).toContain('https://roadmaps.example.ru/items/');
      expect(first.text).toMatch(/https:\/\/roadmaps\.example\.ru\/unsubscribe\/[\w-]+/);
      expect(first.text).not.toContain('Чужой пункт');
      expect(to('chair@example.ru')).toHaveLength(1);
      expect(to('dep@example.ru')).toHaveLength(0);

      r = await runReminders(services, { asOf: '2026-06-08', ...fast });
      expect(r.messages).toEqual([]);
      expect(smtp.mails).toHaveLength(2);

      // 2026-06-09: item 2 enters the 1-day rung; item 1 stays in the 7-day rung (already sent).
      smtp.mails.length = 0;
      await runReminders(services, { asOf: '2026-06-09', ...fast });
      expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['chair@example.ru', 'poyarkova@example.ru']);
      expect(to('poyarkova@example.ru')[0].text).toContain('срок завтра');
      expect(to('poyarkova@example.ru')[0].text).not.toContain('Утвердить план');

      // 2026-06-11: item 2 became overdue the day before.
      smtp.mails.length = 0;
      await runReminders(services, { asOf: '2026-06-11', ...fast });
      expect(to('chair@example.ru')[0].text).toContain('Срок прошёл');
      expect(to('chair@example.ru')[0].text).toContain('просрочено на 1 дн.');
      expect(to('coord@example.ru')).toHaveLength(0);

      // 2026-06-17: 7 days overdue → the coordinator; not again on the 18th.
      smtp.mails.length = 0;
      await runReminders(services, { asOf: '2026-06-17', ...fast });
      expect(to('coord@example.ru')).toHaveLength(1);
      expect(to('coord@example.ru')[0].text).toContain('Провести совет');
      expect(to('coord@example.ru')[0].text).not.toContain('Утвердить план');
      smtp.mails.length = 0;
      await runReminders(services, { asOf: '2026-06-18', ...fast });
      expect(to('coord@example.ru')).toHaveLength(0);

      // Monday 2026-06-22: the region's digest to the department, both clusters' overdue items.
      smtp.mails.length = 0;
      await runReminders(services, { asOf: '2026-06-22', ...fast });
      const digest = to('dep@example.ru');
      expect(digest).toHaveLength(1);
      expect(digest[0].text).toContain('Чужой пункт');
      expect(digest[0].text).toContain('Кластер: Другой кластер');

      // The item's history shows what went out, to whom, and that it was delivered.
      const [council] = await store.items.list({ clusterSlugs: ['kaluga'], q: 'Провести совет' });
      const reminders = (await store.items.history(council.id)).filter((e) => e.type === 'reminder');
      expect(reminders.map((e) => e.field)).toContain('escalation');
      expect(reminders.every((e) => (e.new as { status: string }).status === 'delivered')).toBe(true);
      // Whoever reads the item reads its history: names and channels, never the addresses.
      expect(JSON.stringify(reminders)).not.toContain('@example.ru');
    });

    it('a dry run plans without sending or recording', async () => {
      const { services, store } = await fresh();
      const r = await runReminders(services, { asOf: '2026-06-08', dryRun: true });
      expect(r.messages.map((m) => [m.address, m.items, m.status]).sort()).toEqual([
        ['chair@example.ru', 1, 'planned'],
        ['poyarkova@example.ru', 2, 'planned'],
      ]);
      expect(smtp.mails).toHaveLength(0);
      expect(await store.reminders.list()).toEqual([]);
    });

    it('a refusing peer: transient refusals are retried with backoff, a permanent one fails alone and is retried by the next run', async () => {
      const { services, store } = await fresh();
      smtp.refuse = (address, n) => (address === 'chair@example.ru' ? 550 : n <= 2 ? 451 : undefined);
      const r = await runReminders(services, { asOf: '2026-06-08', ...fast });
      expect(r.delivered).toBe(1);
      expect(r.failed).toBe(1);
      expect(to('poyarkova@example.ru')).toHaveLength(1);
      const [failed] = await store.reminders.list({ status: 'failed' });
      expect(failed.address).toBe('chair@example.ru');
      expect(failed.error).toMatch(/550/);
      expect(failed.attempts).toBe(1);

      smtp.refuse = () => undefined;
      const again = await runReminders(services, { asOf: '2026-06-08', ...fast });
      expect(again.retried).toBe(1);
      expect(to('chair@example.ru')).toHaveLength(1);
      expect(to('poyarkova@example.ru')).toHaveLength(1);
      expect(await store.reminders.list({ status: 'failed' })).toEqual([]);
    });

    it('two service processes on one store send each reminder once', async () => {
      const { config } = await fresh();
      const env = { SMTP_URL: smtp.url };
      const a = servicesFor(await stores.open(config), env);
      const b = servicesFor(await stores.open(config), env);
      await Promise.all([
        runReminders(a, { asOf: '2026-06-08', ...fast }),
        runReminders(b, { asOf: '2026-06-08', ...fast }),
      ]);
      expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['chair@example.ru', 'poyarkova@example.ru']);
      const text = to('poyarkova@example.ru')[0].text;
      expect(text.match(/Утвердить план/g)).toHaveLength(1);
    });

    it('an opted-out contact hears nothing; MAX and VK Teams chats get the same message through their bot APIs', async () => {
      const { services, store } = await fresh({
        MAX_BOT_TOKEN: bots.token,
        MAX_API_URL: bots.maxUrl,
        VKTEAMS_BOT_TOKEN: bots.token,
        VKTEAMS_API_URL: bots.vkteamsUrl,
      });
      const [chair] = (await store.contacts.list()).filter((c) => c.executor === 'Председатель КС');
      await store.contacts.setUnsubscribed(chair.id, true);
      await addContact(store, ADMIN, {
        cluster: 'kaluga',
        executor: 'Пояркова О.Н.',
        maxChat: '-70001',
        vkteamsChat: 'poyarkova@chat.agent',
        locale: 'en',
      });
      // Adding an address without a language keeps the language set before.
      await addContact(store, ADMIN, {
        cluster: 'kaluga',
        executor: 'Пояркова О.Н.',
        organisation: 'КТК',
        email: 'poyarkova@example.ru',
      });
      bots.failNext = 1;
      const r = await runReminders(services, { asOf: '2026-06-08', ...fast });
      expect(r.failed).toBe(0);
      expect(to('chair@example.ru')).toHaveLength(0);
      expect(bots.messages.map((m) => [m.api, m.chat]).sort()).toEqual([
        ['max', '-70001'],
        ['vkteams', 'poyarkova@chat.agent'],
      ]);
      expect(bots.messages[0].text).toContain('Deadline reminder (2)');
      expect(to('poyarkova@example.ru')[0].subject).toBe('Deadline reminder (2): Калужский кластер');
    });

    it('a contact of another cluster never gets this cluster’s items', async () => {
      const { services, store } = await fresh();
      await store.contacts.replaceAll((await store.clusters.getBySlug('kaluga'))!.id, []);
      await addContact(store, ADMIN, {
        cluster: 'other',
        executor: 'Пояркова О.Н.',
        email: 'p-other@example.ru',
      });
      await runReminders(services, { asOf: '2026-06-08', ...fast });
      expect(smtp.mails.map((m) => m.to[0])).toEqual(['p-other@example.ru']);
      expect(smtp.mails[0].text).toContain('Чужой пункт');
      expect(smtp.mails[0].text).not.toContain('Утвердить план');
      expect(smtp.mails[0].text).not.toContain('Провести совет');
    });
  });
}
