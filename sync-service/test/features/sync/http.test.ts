// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are checked field by field
// POST /api/v1/sync and the read API over real HTTP on loopback, on both backends: happy path,
// idempotent resync, history of a moved deadline, item filters, and every class of bad input.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../../helpers/cli.ts';
import {
  BACKENDS,
  type Harness,
  roadmapRows,
  startHarness,
  startSecondApp,
  syncBody,
} from '../../helpers/http-harness.ts';

const ITEMS = [
  {
    number: '1.1',
    title: 'Утверждение плана работы кластера',
    executor: 'Председатель совета',
    deadline: 'январь 2020 г.',
    mark: 'Выполнено',
  },
  {
    number: '1.2',
    title: 'Заключение договоров о целевом обучении',
    executor: 'Иванов И.И.',
    deadline: '15.03.2020',
  },
  { number: '1.3', title: 'Открытие мастерской по сварке', executor: 'Петров П.П.', deadline: '2099-06-30' },
  {
    number: '1.4',
    title: 'Стажировки преподавателей на предприятиях',
    executor: 'Иванов И.И.',
    deadline: 'IV квартал 2098 г.',
  },
];

describe.each(BACKENDS)('sync API on %s', (backend) => {
  let h: Harness;
  let token: string;

  beforeAll(async () => {
    h = await startHarness(backend, { BODY_LIMIT: '200kb' });
    const created = await h.request('POST', '/api/v1/clusters', {
      json: {
        slug: 'kaluga-mash',
        name: 'Машиностроительный кластер',
        region: 'Калужская область',
        newRegion: true,
      },
    });
    expect(created.status).toBe(201);
    token = await h.token('cluster', 'kaluga-mash');
  });
  afterAll(() => h?.close());

  let firstIds: Map<number, string>;

  it('syncs a sheet and answers the summary with ids for every item row', async () => {
    const res = await h.request('POST', '/api/v1/sync', {
      token,
      json: syncBody('kaluga-mash', roadmapRows(ITEMS)),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 4, changed: 0, removed: 0, unchanged: 0, deadlinesMoved: 0 });
    expect(typeof res.body.syncId).toBe('string');
    expect(typeof res.body.documentId).toBe('string');
    expect(res.body.rowIds.map((r: { row: number }) => r.row)).toEqual([4, 5, 6, 7]);
    firstIds = new Map(res.body.rowIds.map((r: { row: number; id: string }) => [r.row, r.id]));
    const byNumber = Object.fromEntries(res.body.items.map((i: any) => [i.number, i]));
    expect(byNumber['1.1'].state).toBe('done');
    expect(byNumber['1.2']).toMatchObject({ state: 'overdue', executors: ['Иванов И.И.'] });
    expect(byNumber['1.2'].deadline).toMatchObject({ kind: 'date', due: '2020-03-15' });
    expect(byNumber['1.3'].deadline).toMatchObject({ kind: 'date', due: '2099-06-30' });
    expect(byNumber['1.3'].id).toBe(firstIds.get(6));
  });

  it('writes nothing on an identical resync', async () => {
    const before = await h.services.store.counts();
    const res = await h.request('POST', '/api/v1/sync', {
      token,
      json: syncBody('kaluga-mash', roadmapRows(ITEMS)),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 0, changed: 0, removed: 0, unchanged: 4 });
    expect(new Map(res.body.rowIds.map((r: any) => [r.row, r.id]))).toEqual(firstIds);
    const after = await h.services.store.counts();
    expect(after.items).toBe(before.items);
    expect(after.events).toBe(before.events);
    const runs = await h.request('GET', '/api/v1/sync-runs?cluster=kaluga-mash', { token });
    expect(runs.status).toBe(200);
    expect(runs.body.runs[0]).toMatchObject({
      outcome: 'unchanged',
      rowsWritten: 0,
      clusterSlug: 'kaluga-mash',
    });
  });

  it('answers an identical resync alike from memory and from the store; a write elsewhere is noticed', async () => {
    // A cluster of its own, so the other tests still see one sheet.
    const made = await h.request('POST', '/api/v1/clusters', {
      json: {
        slug: 'resync-check',
        name: 'Проверка повторной синхронизации',
        region: 'Калужская область',
        newRegion: true,
      },
    });
    expect(made.status).toBe(201);
    const own = await h.token('cluster', 'resync-check');
    const post = (base: string, rows: ReturnType<typeof roadmapRows>) =>
      fetch(`${base}/api/v1/sync`, {
        method: 'POST',
        headers: { authorization: `Bearer ${own}`, 'content-type': 'application/json' },
        body: JSON.stringify(syncBody('resync-check', rows)),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    const first = await post(h.url, roadmapRows(ITEMS));
    expect(first.body.created).toBe(4);
    const before = await h.services.store.counts();
    // This process remembers the answer: the resync skips reading the sheet.
    const remembered = await post(h.url, roadmapRows(ITEMS));
    // A second service on the same store has no memory of it: the full diff runs.
    const second = await startSecondApp(h);
    try {
      const diffed = await post(second.url, roadmapRows(ITEMS));
      for (const answer of [remembered, diffed]) {
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ created: 0, changed: 0, removed: 0, unchanged: 4 });
        expect(answer.body.syncId).not.toBe(first.body.syncId);
        expect(answer.body.rowIds).toEqual(first.body.rowIds);
        expect(answer.body.items).toEqual(first.body.items);
      }
      expect(remembered.body.syncId).not.toBe(diffed.body.syncId);
      const after = await h.services.store.counts();
      expect({ ...after, syncRuns: 0 }).toEqual({ ...before, syncRuns: 0 });
      expect(after.syncRuns).toBe(before.syncRuns + 2);

      // The other service changes the sheet; the same old snapshot here is a change back, not a no-op.
      const edited = ITEMS.map((it) => (it.number === '1.2' ? { ...it, executor: 'Сидоров С.С.' } : it));
      expect((await post(second.url, roadmapRows(edited))).body.changed).toBe(1);
      const back = await post(h.url, roadmapRows(ITEMS));
      expect(back.body).toMatchObject({ created: 0, changed: 1, unchanged: 3 });
      const item = back.body.items.find((i: any) => i.number === '1.2');
      expect(item.executors).toEqual(['Иванов И.И.']);
      const history = await h.request('GET', `/api/v1/items/${item.id}/history`, { token: own });
      expect(history.body.events.filter((e: any) => e.field === 'executors')).toHaveLength(2);
    } finally {
      await second.close();
    }
  });

  it('answers a real sheet the same from another process as it was answered first', async () => {
    const made = await h.request('POST', '/api/v1/clusters', {
      json: { slug: 'samples-check', name: 'Образцы', region: 'Томская область', newRegion: true },
    });
    expect(made.status).toBe(201);
    const own = await h.token('cluster', 'samples-check');
    const second = await startSecondApp(h);
    try {
      let synced = 0;
      for (const file of readdirSync(SAMPLES).filter((f) => f.endsWith('.txt'))) {
        // The sample as a sheet: one row a line, one cell a tab-separated field.
        const rows = readFileSync(join(SAMPLES, file), 'utf8')
          .split(/\r?\n/)
          .map((line) => ({ id: null, cells: line.split('\t').map((c) => c || null) }));
        const body = syncBody('samples-check', rows, { spreadsheetId: `sample-${file}`, sheetName: file });
        const first = await h.request('POST', '/api/v1/sync', { token: own, json: body });
        if (first.status === 422) continue; // prose (a protocol's decisions) is not a sheet table
        expect(first.status).toBe(200);
        synced++;
        const cold = await fetch(`${second.url}/api/v1/sync`, {
          method: 'POST',
          headers: { authorization: `Bearer ${own}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const answer = (await cold.json()) as any;
        expect(answer).toEqual({
          ...first.body,
          syncId: answer.syncId,
          created: 0,
          changed: 0,
          removed: 0,
          unchanged: first.body.items.length,
          deadlinesMoved: 0,
        });
      }
      expect(synced).toBeGreaterThanOrEqual(2);
    } finally {
      await second.close();
    }
  });

  it('a row deleted above others is one removal: the rows below keep their history clean', async () => {
    const made = await h.request('POST', '/api/v1/clusters', {
      json: { slug: 'rows-shift', name: 'Сдвиг строк', region: 'Калужская область', newRegion: true },
    });
    expect(made.status).toBe(201);
    const own = await h.token('cluster', 'rows-shift');
    const post = (items: typeof ITEMS) =>
      h.request('POST', '/api/v1/sync', { token: own, json: syncBody('rows-shift', roadmapRows(items)) });
    const first = await post(ITEMS);
    expect(first.status).toBe(200);
    const late = first.body.items.find((i: any) => i.number === '1.2');
    // «15.03.2020» is outside the plan's period: a problem whose message names the row.
    expect(late.problems.map((p: any) => p.code)).toContain('deadline_outside_period');
    expect(JSON.stringify(late.problems)).toContain(`Строка ${late.row}`);

    const second = await post(ITEMS.slice(1));
    expect(second.body).toMatchObject({ created: 0, changed: 0, removed: 1, unchanged: 3 });
    const moved = second.body.items.find((i: any) => i.number === '1.2');
    expect(moved).toMatchObject({ id: late.id, row: late.row - 1 });
    expect(JSON.stringify(moved.problems)).toContain(`Строка ${late.row - 1}`);
    const stored = await h.request('GET', `/api/v1/items/${late.id}`, { token: own });
    expect(stored.body.item).toMatchObject({ row: late.row - 1, problems: moved.problems });
    const history = await h.request('GET', `/api/v1/items/${late.id}/history`, { token: own });
    expect(history.body.events.map((e: any) => e.type)).toEqual(['created']);
  });

  it('a copied row sent without its id is a new item whose history says whose id it carried', async () => {
    const made = await h.request('POST', '/api/v1/clusters', {
      json: { slug: 'row-copies', name: 'Копии строк', region: 'Калужская область', newRegion: true },
    });
    expect(made.status).toBe(201);
    const own = await h.token('cluster', 'row-copies');
    const first = await h.request('POST', '/api/v1/sync', {
      token: own,
      json: syncBody('row-copies', roadmapRows(ITEMS)),
    });
    expect(first.status).toBe(200);
    const idOf = new Map<number, string>(first.body.rowIds.map((r: any) => [r.row, r.id]));
    // Row 6 (1.3) duplicated below itself: the add-in keeps the id on row 6, the copy goes without
    // one and says which id it carried.
    const rows: any[] = roadmapRows(ITEMS).map((r, i) => ({ ...r, id: idOf.get(i + 1) ?? null }));
    const copy = { ...rows[5], id: null, copiedFrom: rows[5].id, cells: ['1.3а', ...rows[5].cells.slice(1)] };
    rows.splice(6, 0, copy);
    const second = await h.request('POST', '/api/v1/sync', {
      token: own,
      json: syncBody('row-copies', rows),
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ created: 1, removed: 0 });
    const copyId = second.body.rowIds.find((r: any) => r.row === 7).id;
    expect(copyId).not.toBe(idOf.get(6));
    expect(second.body.rowIds.find((r: any) => r.row === 6).id).toBe(idOf.get(6));
    const history = await h.request('GET', `/api/v1/items/${copyId}/history`, { token: own });
    expect(history.status).toBe(200);
    expect(history.body.events.map((e: any) => e.type)).toEqual(['created', 'id_reassigned']);
    expect(history.body.events[1]).toMatchObject({ field: 'id', old: idOf.get(6), new: copyId });
    expect(history.body.entries).toMatchObject([
      { kind: 'created', changes: [{ field: 'id', old: idOf.get(6), new: copyId }] },
    ]);
    const original = await h.request('GET', `/api/v1/items/${idOf.get(6)}/history`, { token: own });
    expect(original.body.events.map((e: any) => e.type)).toEqual(['created']);
    // The next sync sends the copy with its own id: nothing more is noted.
    const third = await h.request('POST', '/api/v1/sync', {
      token: own,
      json: syncBody(
        'row-copies',
        rows.map((r, i) => ({
          id: second.body.rowIds.find((x: any) => x.row === i + 1)?.id ?? null,
          cells: r.cells,
        })),
      ),
    });
    expect(third.body).toMatchObject({ created: 0, changed: 0, removed: 0 });
    const after = await h.request('GET', `/api/v1/items/${copyId}/history`, { token: own });
    expect(after.body.events).toHaveLength(2);
  });

  it('records a moved deadline in the item history', async () => {
    const moved = ITEMS.map((it) => (it.number === '1.3' ? { ...it, deadline: '2099-09-30' } : it));
    const res = await h.request('POST', '/api/v1/sync', {
      token,
      json: syncBody('kaluga-mash', roadmapRows(moved)),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 0, changed: 1, unchanged: 3, deadlinesMoved: 1 });
    const id = firstIds.get(6)!;
    const history = await h.request('GET', `/api/v1/items/${id}/history`, { token });
    expect(history.status).toBe(200);
    const types = history.body.events.map((e: any) => e.type);
    expect(types[0]).toBe('created');
    const move = history.body.events.find((e: any) => e.type === 'deadline_moved');
    expect(move).toMatchObject({ itemId: id, old: '2099-06-30', new: '2099-09-30' });
    const item = await h.request('GET', `/api/v1/items/${id}`, { token });
    expect(item.body.item.deadline.due).toBe('2099-09-30');
  });

  it('filters items by state, executor, due dates and text', async () => {
    const list = async (query: string) => {
      const res = await h.request('GET', `/api/v1/items?${query}`, { token });
      expect(res.status).toBe(200);
      return res.body.items.map((i: any) => i.number).sort();
    };
    expect(await list('cluster=kaluga-mash')).toEqual(['1.1', '1.2', '1.3', '1.4']);
    expect(await list('state=overdue')).toEqual(['1.2']);
    expect(await list('state=done,overdue')).toEqual(['1.1', '1.2']);
    expect(await list(`executor=${encodeURIComponent('иванов')}`)).toEqual(['1.2', '1.4']);
    expect(await list('dueBefore=2021-01-01')).toEqual(['1.1', '1.2']);
    expect(await list('dueAfter=2099-01-01')).toEqual(['1.3']);
    expect(await list(`q=${encodeURIComponent('сварке')}`)).toEqual(['1.3']);
    expect(await list('state=upcoming&dueAfter=2098-01-01')).toEqual(['1.3', '1.4']);
  });

  it('lists clusters, documents and sync runs', async () => {
    const clusters = await h.request('GET', '/api/v1/clusters', { token });
    expect(clusters.body.clusters.map((c: any) => c.slug)).toEqual(['kaluga-mash']);
    const docs = await h.request('GET', '/api/v1/documents?cluster=kaluga-mash', { token });
    expect(docs.status).toBe(200);
    expect(docs.body.documents).toHaveLength(1);
    expect(docs.body.documents[0]).toMatchObject({ clusterSlug: 'kaluga-mash', itemCount: 4 });
    const runs = await h.request('GET', '/api/v1/sync-runs', { token });
    expect(runs.body.runs).toHaveLength(3);
  });

  it('removes a row as a tombstone with history', async () => {
    const res = await h.request('POST', '/api/v1/sync', {
      token,
      json: syncBody('kaluga-mash', roadmapRows(ITEMS.filter((i) => i.number !== '1.4'))),
    });
    expect(res.body).toMatchObject({ removed: 1, created: 0 });
    const id = firstIds.get(7)!;
    const history = await h.request('GET', `/api/v1/items/${id}/history`, { token });
    expect(history.body.events.at(-1).type).toBe('removed');
    const visible = await h.request('GET', '/api/v1/items?cluster=kaluga-mash', { token });
    expect(visible.body.items.map((i: any) => i.id)).not.toContain(id);
    const all = await h.request('GET', '/api/v1/items?cluster=kaluga-mash&removed=include', { token });
    expect(all.body.items.find((i: any) => i.id === id)).toMatchObject({ removed: true });
  });

  describe('bad input', () => {
    const expectError = (res: { status: number; body: any }, status: number, code?: string) => {
      expect(res.status).toBe(status);
      expect(typeof res.body.error.message).toBe('string');
      if (code) expect(res.body.error.code).toBe(code);
    };

    it('400 names the JSON path of a wrong cell and writes nothing', async () => {
      const before = await h.services.store.counts();
      const body = syncBody('kaluga-mash', roadmapRows(ITEMS)) as any;
      body.rows[4].cells[1] = { text: 'объект вместо строки' };
      const res = await h.request('POST', '/api/v1/sync', { token, json: body });
      expectError(res, 400, 'invalid_request');
      expect(res.body.error.issues.map((i: any) => i.path)).toContain('rows[4].cells[1]');
      expect(await h.services.store.counts()).toEqual(before);
    });

    it('400 for missing and mistyped fields, with every path', async () => {
      const res = await h.request('POST', '/api/v1/sync', {
        token,
        json: { source: { spreadsheetId: 'x', sheetId: 'zero', sheetName: 'План' }, rows: 'нет' },
      });
      expectError(res, 400);
      const paths = res.body.error.issues.map((i: any) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['cluster', 'source.sheetId', 'rows']));
    });

    it('400 for a body that is not JSON, and for a bad query', async () => {
      const bad = await h.request('POST', '/api/v1/sync', {
        token,
        body: '{"cluster": ',
        headers: { 'content-type': 'application/json' },
      });
      expectError(bad, 400);
      const query = await h.request('GET', '/api/v1/items?state=late&dueBefore=31.12.2024', { token });
      expectError(query, 400);
      expect(query.body.error.issues.map((i: any) => i.path)).toEqual(
        expect.arrayContaining(['query.state[0]', 'query.dueBefore']),
      );
    });

    it('413 for a body over BODY_LIMIT', async () => {
      const many = Array.from({ length: 3000 }, (_, i) => ({
        number: `1.${i + 1}`,
        title: `Мероприятие номер ${i + 1} с длинным названием`,
        executor: 'Исполнитель',
        deadline: 'декабрь 2099',
      }));
      const res = await h.request('POST', '/api/v1/sync', {
        token,
        json: syncBody('kaluga-mash', roadmapRows(many)),
      });
      expectError(res, 413, 'payload_too_large');
      // Without a Content-Length (chunked), the limit is found while reading.
      const before = await h.services.store.counts();
      const text = new TextEncoder().encode(JSON.stringify(syncBody('kaluga-mash', roadmapRows(many))));
      const stream = new ReadableStream({
        start(controller) {
          for (let i = 0; i < text.length; i += 16_384) controller.enqueue(text.slice(i, i + 16_384));
          controller.close();
        },
      });
      const chunked = await fetch(`${h.url}/api/v1/sync`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(chunked.status).toBe(413);
      expect(((await chunked.json()) as any).error.code).toBe('payload_too_large');
      expect(await h.services.store.counts()).toEqual(before);
    });

    it('415 for a body in another charset; a body without the JSON type is 400', async () => {
      const json = JSON.stringify(syncBody('kaluga-mash', roadmapRows(ITEMS)));
      const latin = await h.request('POST', '/api/v1/sync', {
        token,
        body: json,
        headers: { 'content-type': 'application/json; charset=latin1' },
      });
      expectError(latin, 415, 'unsupported_media_type');
      const plain = await h.request('POST', '/api/v1/sync', {
        token,
        body: json,
        headers: { 'content-type': 'text/plain' },
      });
      expectError(plain, 400, 'invalid_request');
    });

    it('401 without a token or with a wrong one', async () => {
      const body = syncBody('kaluga-mash', roadmapRows(ITEMS));
      const none = await h.request('POST', '/api/v1/sync', { token: null, json: body });
      expectError(none, 401, 'unauthorized');
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      const wrong = await h.request('POST', '/api/v1/sync', { token: `${token}x`, json: body });
      expectError(wrong, 401);
      const items = await h.request('GET', '/api/v1/items', { token: 'cst_not-a-real-token' });
      expectError(items, 401);
    });

    it('404 for an unknown cluster, item or route', async () => {
      const res = await h.request('POST', '/api/v1/sync', {
        json: syncBody('no-such-cluster', roadmapRows(ITEMS)),
      });
      expectError(res, 404, 'not_found');
      expect(res.body.error.message).toContain('no-such-cluster');
      expectError(await h.request('GET', '/api/v1/items/00000000-0000-0000-0000-000000000000/history'), 404);
      expectError(await h.request('GET', '/api/v1/nothing-here'), 404);
    });

    it('422 for a sheet without a table, and the store stays as it was', async () => {
      const before = await h.services.store.counts();
      const res = await h.request('POST', '/api/v1/sync', {
        token,
        json: syncBody('kaluga-mash', [
          { id: null, cells: ['просто текст'] },
          { id: null, cells: ['и ещё'] },
        ]),
      });
      expectError(res, 422, 'no_table');
      expect(await h.services.store.counts()).toEqual(before);
    });
  });
});
