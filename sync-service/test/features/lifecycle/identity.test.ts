// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are checked field by field
// Document identity on both backends: the same plan imported as .xlsx, .csv and .docx and synced
// from a sheet is one document, updated with history each time; a plan that is only similar is
// a new document whose answer names the similar one, and `document` (--document) picks it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileGrids } from '../../../src/files/read-file.ts';
import { BACKENDS, type Harness, startHarness, syncBody } from '../../helpers/http-harness.ts';

const DOCUMENTS = fileURLToPath(new URL('../../../../fixtures/documents/', import.meta.url));

function form(fields: Record<string, string>, name: string, bytes: Uint8Array): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([bytes]), name);
  return f;
}

describe.each(BACKENDS)('document identity on %s', (backend) => {
  let h: Harness;
  let token: string;
  const importFile = async (name: string, bytes: Uint8Array, fields: Record<string, string> = {}) => {
    const res = await h.request('POST', '/api/v1/import', {
      token,
      body: form({ cluster: 'mash', ...fields }, name, bytes),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const fixture = (name: string) => new Uint8Array(readFileSync(`${DOCUMENTS}${name}`));
  const documents = async () =>
    (await h.request('GET', '/api/v1/documents?cluster=mash', { token })).body.documents;
  const items = async () => (await h.request('GET', '/api/v1/items?cluster=mash', { token })).body.items;

  beforeAll(async () => {
    h = await startHarness(backend);
    const made = await h.request('POST', '/api/v1/clusters', {
      json: { slug: 'mash', name: 'Машиностроение', region: 'Калужская область', newRegion: true },
    });
    expect(made.status).toBe(201);
    token = await h.token('cluster', 'mash');
  });
  afterAll(() => h?.close());

  it('one plan as .xlsx, .csv, .docx and from a sheet is one document, with history', async () => {
    const first = await importFile('plan.xlsx', fixture('plan.xlsx'));
    expect(first.created).toBe(5);
    expect(first.matches).toBeUndefined();
    const id = first.documentId;

    const csv = await importFile('plan.csv', fixture('plan.csv'));
    expect(csv).toMatchObject({ documentId: id, created: 0, removed: 0 });
    expect(csv.matches).toEqual([
      expect.objectContaining({ documentId: id, how: 'same_plan', from: 'файл plan.xlsx', alternatives: [] }),
    ]);
    expect(csv.matches[0].message).toContain('plan.xlsx');
    expect((await documents()).map((d: any) => d.id)).toEqual([id]);
    expect(await items()).toHaveLength(5);

    // The coordinator moves to the add-in: the sheet holds the same plan, one mark is new.
    const { sheets } = await readFileGrids(`${DOCUMENTS}plan.csv`);
    const rows = sheets[0].grid.map((cells) => ({
      id: null,
      cells: cells.map((c) => (c instanceof Date ? null : c)),
    }));
    const markRow = rows.findIndex((r) => r.cells[0] === '1.3.');
    rows[markRow].cells[5] = 'Выполнено';
    const synced = await h.request('POST', '/api/v1/sync', {
      token,
      json: syncBody('mash', rows, { title: 'План работы кластера' }),
    });
    expect(synced.status, JSON.stringify(synced.body)).toBe(200);
    expect(synced.body).toMatchObject({ documentId: id, created: 0, changed: 1, removed: 0 });
    expect(synced.body.matches[0]).toMatchObject({ how: 'same_plan', from: 'файл plan.csv' });
    const now = await items();
    expect(now).toHaveLength(5);
    const edited = now.find((i: any) => i.number === '1.3');
    const history = (await h.request('GET', `/api/v1/items/${edited.id}/history`, { token })).body.events;
    expect(history[0].type).toBe('created');
    expect(history.some((e: any) => e.type === 'status_changed' || e.field === 'mark')).toBe(true);

    // Back to files: Word, then the .csv again. Still one document; its own sheet syncs it in place.
    for (const [name, bytes] of [
      ['plan.docx', fixture('plan.docx')],
      ['plan.csv', fixture('plan.csv')],
    ] as const) {
      const again = await importFile(name, bytes);
      expect(again.documentId).toBe(id);
      expect(again.created).toBe(0);
    }
    const resync = await h.request('POST', '/api/v1/sync', { token, json: syncBody('mash', rows) });
    expect(resync.body).toMatchObject({ documentId: id, created: 0 });
    const docs = await documents();
    expect(docs).toHaveLength(1);
    expect(await items()).toHaveLength(5);
    // The report counts the plan once.
    const report = await h.request('GET', '/api/v1/reports/cluster.xlsx?cluster=mash', { token });
    expect(report.status).toBe(200);
  });

  it('a similar plan is new and names the similar one; `document` picks a document', async () => {
    const [plan] = await documents();
    const renamed = readFileSync(`${DOCUMENTS}plan.csv`, 'utf8').replace(
      'машиностроения на 2022 год',
      'машиностроения и металлообработки на 2022 год',
    );
    const bytes = new TextEncoder().encode(renamed);
    const fresh = await importFile('plan-metal.csv', bytes);
    expect(fresh.documentId).not.toBe(plan.id);
    expect(fresh.created).toBe(5);
    expect(fresh.matches).toEqual([
      expect.objectContaining({
        how: 'new',
        alternatives: [expect.objectContaining({ documentId: plan.id })],
      }),
    ]);
    expect(fresh.matches[0].message).toContain('--document');

    const picked = await importFile('plan-metal-v2.csv', bytes, { document: plan.id });
    expect(picked).toMatchObject({ documentId: plan.id, created: 0 });
    expect(picked.matches[0]).toMatchObject({ how: 'chosen', documentId: plan.id });
    const after = await documents();
    expect(after.find((d: any) => d.id === plan.id).title).toContain('металлообработки');

    const unknown = await h.request('POST', '/api/v1/import', {
      token,
      body: form({ cluster: 'mash', document: 'no-such-document' }, 'plan.csv', bytes),
    });
    expect(unknown.status).toBe(404);
  });
});
