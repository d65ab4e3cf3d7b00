// Reminders over real HTTP on both backends: contacts readable only by their cluster and the admin,
// the add-in's contacts sheet, the calendar feed with a revocable secret, the unsubscribe page, the
// admin pages and the item's history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReminders } from '../../../src/app/remind.ts';
import { emailChannel } from '../../../src/remind/channels.ts';
import { page, signIn } from '../../helpers/dashboard.ts';
import { BACKENDS, type Harness, roadmapRows, startHarness, syncBody } from '../../helpers/http-harness.ts';
import { startSmtpPeer } from '../../helpers/remind-peers.ts';

for (const backend of BACKENDS) {
  describe(`reminders over HTTP (${backend})`, () => {
    let h: Harness;
    let kaluga: string;
    let other: string;
    let department: string;
    beforeAll(async () => {
      h = await startHarness(backend, { PUBLIC_URL: 'https://roadmaps.example.ru' });
      for (const slug of ['kaluga', 'other']) {
        const r = await h.request('POST', '/api/v1/clusters', {
          json: { slug, name: `Кластер ${slug}`, region: 'Калужская область', newRegion: slug === 'kaluga' },
        });
        expect(r.status).toBe(201);
      }
      await h.request('POST', '/api/v1/departments', {
        json: { slug: 'minobr', name: 'Минобразования', region: 'Калужская область' },
      });
      kaluga = await h.token('cluster', 'kaluga');
      other = await h.token('cluster', 'other');
      department = await h.token('department', 'minobr');
      const rows = roadmapRows([
        { number: '1.', title: 'Утвердить план', executor: 'Пояркова О.Н.', deadline: '15.06.2026' },
        {
          number: '2.',
          title: 'Провести совет',
          executor: 'Председатель КС',
          deadline: 'Апрель, октябрь 2026 г.',
        },
      ]);
      const synced = await h.request('POST', '/api/v1/sync', {
        token: kaluga,
        json: syncBody('kaluga', rows),
      });
      expect(synced.status).toBe(200);
    });
    afterAll(() => h.close());

    it('contacts: the cluster and the admin only; missing executors listed', async () => {
      let r = await h.request('POST', '/api/v1/contacts', {
        token: kaluga,
        json: { cluster: 'kaluga', executor: 'Пояркова О. Н.', email: 'p@example.ru', organisation: 'КТК' },
      });
      expect(r.status).toBe(201);
      expect(r.body.contact).toMatchObject({
        executor: 'Пояркова О.Н.',
        email: 'p@example.ru',
        organisation: 'КТК',
      });
      expect(r.body.contact.unsubscribeSecret).toBeUndefined();
      r = await h.request('POST', '/api/v1/contacts', {
        token: other,
        json: { cluster: 'kaluga', executor: 'X', email: 'x@example.ru' },
      });
      expect(r.status).toBe(403);
      r = await h.request('POST', '/api/v1/contacts', {
        token: kaluga,
        json: { cluster: 'kaluga', executor: 'X' },
      });
      expect(r.status).toBe(400);
      r = await h.request('GET', '/api/v1/contacts?cluster=kaluga', { token: department });
      expect(r.status).toBe(403);
      r = await h.request('GET', '/api/v1/contacts?cluster=kaluga', { token: other });
      expect(r.status).toBe(403);
      r = await h.request('GET', '/api/v1/contacts', { token: other });
      expect(r.body).toEqual({ contacts: [], missing: [] });
      r = await h.request('GET', '/api/v1/contacts', { token: kaluga });
      expect(r.body.contacts.map((c: { executor: string }) => c.executor)).toEqual(['Пояркова О.Н.']);
      expect(r.body.missing).toEqual([{ cluster: 'kaluga', executor: 'Председатель КС', items: 1 }]);
      r = await h.request('GET', '/api/v1/contacts');
      expect(r.body.contacts).toHaveLength(1);
    });

    it('the «Контакты исполнителей» sheet replaces the cluster’s contacts; a row without an address is refused', async () => {
      let r = await h.request('PUT', '/api/v1/contacts/sheet', {
        token: kaluga,
        json: { cluster: 'kaluga', contacts: [{ executor: 'Председатель КС' }] },
      });
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).toContain('Председатель КС');
      r = await h.request('PUT', '/api/v1/contacts/sheet', {
        token: kaluga,
        json: {
          cluster: 'kaluga',
          contacts: [
            { executor: 'Пояркова О.Н.', email: 'p2@example.ru', maxChat: '' },
            { executor: 'Председатель КС', vkteamsChat: 'chair@chat.agent', locale: 'en' },
          ],
        },
      });
      expect(r.body).toEqual({ created: 1, updated: 1, removed: 0 });
      r = await h.request('GET', '/api/v1/contacts?cluster=kaluga', { token: kaluga });
      expect(r.body.contacts.map((c: { email: string | null }) => c.email)).toEqual(['p2@example.ru', null]);
      expect(r.body.missing).toEqual([]);
    });

    it('calendar feed: one event per due date, read by its secret only, per executor, revocable', async () => {
      let r = await h.request('POST', '/api/v1/calendar-feeds', {
        token: kaluga,
        json: { cluster: 'kaluga' },
      });
      expect(r.status).toBe(201);
      const url = new URL(r.body.url);
      expect(url.origin).toBe('https://roadmaps.example.ru');
      const feedId = r.body.feed.id;
      const path = `${url.pathname}${url.search}`;
      r = await h.request('GET', path, { token: null });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^text\/calendar/);
      const ics = String(r.body);
      expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
      expect(ics).toContain('DTSTART;VALUE=DATE:20260615');
      expect(ics).toContain('DTSTART;VALUE=DATE:20260430');
      expect(ics).toContain('DTSTART;VALUE=DATE:20261031');
      expect(ics).toContain('Утвердить план');

      r = await h.request('GET', path.replace('cluster=kaluga', 'cluster=other'), { token: null });
      expect(r.status).toBe(403);
      r = await h.request('GET', '/api/v1/calendar.ics?cluster=kaluga', { token: null });
      expect(r.status).toBe(401);
      r = await h.request('GET', '/api/v1/calendar.ics?cluster=kaluga', { token: department });
      expect(r.status).toBe(200);
      r = await h.request('GET', '/api/v1/calendar.ics?cluster=kaluga', { token: other });
      expect(r.status).toBe(403);

      r = await h.request('POST', '/api/v1/calendar-feeds', {
        token: kaluga,
        json: { cluster: 'kaluga', executor: 'Председатель КС' },
      });
      const mine = new URL(r.body.url);
      r = await h.request('GET', `${mine.pathname}${mine.search}`, { token: null });
      expect(String(r.body).match(/BEGIN:VEVENT/g)).toHaveLength(2);
      expect(String(r.body)).not.toContain('Утвердить план');

      r = await h.request('DELETE', `/api/v1/calendar-feeds/${feedId}`, { token: other });
      expect(r.status).toBe(403);
      r = await h.request('DELETE', `/api/v1/calendar-feeds/${feedId}`, { token: kaluga });
      expect(r.status).toBe(204);
      r = await h.request('GET', path, { token: null });
      expect(r.status).toBe(403);
    });

    it('unsubscribe: the link asks, the button opts out (and back in)', async () => {
      const [contact] = (await h.services.store.contacts.list()).filter(
        (c) => c.executor === 'Пояркова О.Н.',
      );
      const link = `/unsubscribe/${contact.unsubscribeSecret}`;
      let p = await page(h.url, link);
      expect(p.status).toBe(200);
      expect(p.html).toContain('Больше не присылать напоминания');
      expect(
        (await h.services.store.contacts.bySecret(contact.unsubscribeSecret))?.unsubscribedAt,
      ).toBeNull();
      const post = (what: string) =>
        fetch(`${h.url}${link}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: h.url },
          body: `do=${what}`,
        });
      let res = await post('out');
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('больше не отправляются');
      expect(
        (await h.services.store.contacts.bySecret(contact.unsubscribeSecret))?.unsubscribedAt,
      ).not.toBeNull();
      res = await post('in');
      expect(
        (await h.services.store.contacts.bySecret(contact.unsubscribeSecret))?.unsubscribedAt,
      ).toBeNull();
      p = await page(h.url, '/unsubscribe/nonsense');
      expect(p.status).toBe(404);
    });

    it('the ladder and a run on demand: admin only; a dry run lists what would go out', async () => {
      let r = await h.request('PATCH', '/api/v1/clusters/kaluga/reminders', {
        token: kaluga,
        json: { remindDays: [3] },
      });
      expect(r.status).toBe(403);
      r = await h.request('PATCH', '/api/v1/clusters/kaluga/reminders', {
        json: { remindDays: [1, 10, 10], escalateAfterDays: 3, coordinatorEmail: 'not-mail' },
      });
      expect(r.status).toBe(400);
      r = await h.request('PATCH', '/api/v1/clusters/kaluga/reminders', {
        json: { remindDays: [1, 10, 10], escalateAfterDays: 3, coordinatorEmail: 'coord@example.ru' },
      });
      expect(r.body).toMatchObject({
        remindDays: [10, 1],
        escalateAfterDays: 3,
        coordinatorEmail: 'coord@example.ru',
      });
      r = await h.request('POST', '/api/v1/reminders/run', {
        token: kaluga,
        json: { asOf: '2026-06-08', dryRun: true },
      });
      expect(r.status).toBe(403);
      // 2026-06-08: «Утвердить план» (15.06) is 7 days away, inside the 10-day rung; the council's
      // next due (31.10) is far off.
      r = await h.request('POST', '/api/v1/reminders/run', { json: { asOf: '2026-06-08', dryRun: true } });
      expect(r.status).toBe(200);
      expect(r.body.messages).toEqual([
        expect.objectContaining({ address: 'p2@example.ru', items: 1, status: 'planned', channel: 'email' }),
      ]);
    });

    it('a reminder sent shows in the item page’s history and in the log', async () => {
      const smtp = await startSmtpPeer();
      const email = emailChannel(smtp.url, 'test <t@example.ru>');
      try {
        const r = await runReminders(h.services, { asOf: '2026-06-08', channels: { email }, backoffMs: 5 });
        expect(r.delivered).toBe(1);
        expect(smtp.mails[0].to).toEqual(['p2@example.ru']);
      } finally {
        email.close();
        await smtp.close();
      }
      const [plan] = (await h.request('GET', '/api/v1/items?cluster=kaluga&q=Утвердить')).body.items;
      const { cookie } = await signIn(h.url, h.admin);
      const p = await page(h.url, `/items/${plan.id}`, cookie);
      expect(p.html).toContain('Напоминание за 10 дн. до срока');
      expect(p.html).toContain('доставлено');
      expect(p.html).not.toContain('p2@example.ru');
      const log = await page(h.url, '/admin/reminders', cookie);
      expect(log.html).toContain('p2@example.ru');
      expect(log.html).toContain('доставлено');
      // On a phone the log's rows stack into cards: every cell says its column.
      for (const [path, html] of [
        ['/admin/reminders', log.html],
        ['/admin/contacts', (await page(h.url, '/admin/contacts', cookie)).html],
      ]) {
        const tables = [...html.matchAll(/<table class="([^"]*)">([\s\S]*?)<\/table>/g)];
        expect(tables.length, path).toBeGreaterThan(0);
        for (const [, name, body] of tables) {
          expect(name.split(' '), name).toContain('stack');
          const cells = [...body.matchAll(/<td\b[^>]*>/g)].map((m) => m[0]);
          expect(cells.length, name).toBeGreaterThan(0);
          for (const cell of cells) expect(cell, name).toMatch(/data-label="[^"]+"/);
        }
      }
    });

    it('admin pages: contacts and the reminders log; a department may not see them', async () => {
      const { cookie } = await signIn(h.url, h.admin);
      let p = await page(h.url, '/admin/contacts', cookie);
      expect(p.status).toBe(200);
      expect(p.html).toContain('Пояркова О.Н.');
      p = await page(h.url, '/admin/reminders', cookie);
      expect(p.status).toBe(200);
      expect(p.html).toContain('Журнал напоминаний');
      const dep = await signIn(h.url, department);
      p = await page(h.url, '/admin/contacts', dep.cookie);
      expect(p.status).toBe(403);
      p = await page(h.url, '/admin/reminders', dep.cookie);
      expect(p.status).toBe(403);
      const r = await h.request('GET', '/api/v1/reminders', { token: department });
      expect(r.status).toBe(403);
    });
  });
}
