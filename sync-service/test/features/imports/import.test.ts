// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are checked field by field
// POST /api/v1/import on both backends: an .xlsx written by exceljs here, a .csv as Excel saves
// it, the project's sample .txt documents, re-import writing nothing, and bad uploads.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../../helpers/cli.ts';
import { BACKENDS, type Harness, startHarness } from '../../helpers/http-harness.ts';

async function roadmapXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Дорожная карта');
  ws.addRow(['Дорожная карта развития кластера на 2025 год']);
  ws.addRow([]);
  ws.addRow(['№', 'Мероприятие', 'Исполнитель', 'Срок', 'Результат', 'Отметка о выполнении']);
  ws.addRow(['1.', 'Создание совета кластера', 'Министерство', 'январь 2025', 'Приказ', 'Выполнено']);
  ws.addRow(['2.', 'Открытие центра компетенций', 'Колледж', new Date(Date.UTC(2025, 1, 10)), 'Центр', '']);
  ws.addRow(['3.', 'Чемпионат профмастерства', 'Работодатели', 'IV квартал 2025 г.', 'Итоги', '']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Windows-1251 bytes of a string (Node decodes it but has no encoder). */
function cp1251(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1251');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  return Uint8Array.from([...text].map((ch) => table.get(ch) ?? 0x3f));
}

function form(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array }): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  if (file) f.append('file', new Blob([file.bytes]), file.name);
  return f;
}

describe.each(BACKENDS)('import on %s', (backend) => {
  let h: Harness;
  let token: string;
  let xlsx: Uint8Array;

  beforeAll(async () => {
    h = await startHarness(backend, { BODY_LIMIT: '2mb' });
    for (const slug of ['tomsk-build', 'other']) {
      const res = await h.request('POST', '/api/v1/clusters', {
        json: { slug, name: slug, region: 'Томская область', newRegion: true },
      });
      expect(res.status).toBe(201);
    }
    token = await h.token('cluster', 'tomsk-build');
    xlsx = await roadmapXlsx();
  });
  afterAll(() => h?.close());

  it('imports an .xlsx through the sync path', async () => {
    const res = await h.request('POST', '/api/v1/import', {
      token,
      body: form({ cluster: 'tomsk-build' }, { name: 'Дорожная карта.xlsx', bytes: xlsx }),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 3, changed: 0, removed: 0 });
    const byNumber = Object.fromEntries(res.body.items.map((i: any) => [i.number, i]));
    expect(byNumber['1'].mark.status).toBe('done');
    expect(byNumber['2'].deadline).toMatchObject({ kind: 'date', due: '2025-02-10' });
    expect(byNumber['3'].deadline).toMatchObject({ kind: 'quarter', due: '2025-12-31' });
    const again = await h.request('POST', '/api/v1/import', {
      token,
      body: form({ cluster: 'tomsk-build' }, { name: 'Дорожная карта.xlsx', bytes: xlsx }),
    });
    expect(again.body).toMatchObject({ created: 0, changed: 0, unchanged: 3 });
    const sources = await h.services.store.sources.list({ kind: 'file' });
    expect(sources.map((s) => s.fileName)).toContain('Дорожная карта.xlsx');
  });

  it('imports a .csv as Excel saves it (Windows-1251, semicolons) through the sync path', async () => {
    const text = [
      'План работы кластера на 2025 год;;;;',
      '№;Мероприятие;Ответственный;Срок исполнения;Отметка о выполнении',
      '1.;Заседание совета;Председатель;"март 2025 г.";Выполнено',
      '2.;"Стажировки, практика";Колледж;10.02.2025;',
      '',
    ].join('\r\n');
    const bytes = cp1251(text);
    const res = await h.request('POST', '/api/v1/import', {
      token,
      body: form({ cluster: 'tomsk-build' }, { name: 'план.csv', bytes }),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, changed: 0, removed: 0 });
    const byNumber = Object.fromEntries(res.body.items.map((i: any) => [i.number, i]));
    expect(byNumber['1']).toMatchObject({ title: 'Заседание совета', executors: ['Председатель'] });
    expect(byNumber['1'].mark.status).toBe('done');
    expect(byNumber['2']).toMatchObject({ title: 'Стажировки, практика' });
    expect(byNumber['2'].deadline).toMatchObject({ kind: 'date', due: '2025-02-10' });
    const again = await h.request('POST', '/api/v1/import', {
      token,
      body: form({ cluster: 'tomsk-build' }, { name: 'план.csv', bytes }),
    });
    expect(again.body).toMatchObject({ created: 0, changed: 0, unchanged: 2 });
  });

  it('imports every sample .txt document the project ships', async () => {
    const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const name of files) {
      const res = await h.request('POST', '/api/v1/import', {
        token,
        body: form(
          { cluster: 'tomsk-build' },
          { name, bytes: new Uint8Array(readFileSync(join(SAMPLES, name))) },
        ),
      });
      expect(res.status, `${name}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
      expect(res.body.created, name).toBeGreaterThan(0);
      expect(res.body.items.length).toBe(res.body.created);
    }
    const docs = await h.request('GET', '/api/v1/documents?cluster=tomsk-build', { token });
    expect(docs.body.documents.length).toBeGreaterThanOrEqual(files.length + 1);
  });

  it('refuses bad uploads with a clear error and writes nothing', async () => {
    const before = await h.services.store.counts();
    const noFile = await h.request('POST', '/api/v1/import', {
      token,
      body: form({ cluster: 'tomsk-build' }),
    });
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.issues[0].path).toBe('file');
    const noCluster = await h.request('POST', '/api/v1/import', {
      token,
      body: form({}, { name: 'a.xlsx', bytes: xlsx }),
    });
    expect(noCluster.status).toBe(400);
    expect(noCluster.body.error.issues[0].path).toBe('cluster');
    const doc = await h.request('POST', '/api/v1/import', {
      token,
      body: form({ cluster: 'tomsk-build' }, { name: 'план.doc', bytes: new Uint8Array([1, 2, 3]) }),
    });
    expect(doc.status).toBe(415);
    expect(doc.body.error.message).toContain('.doc');
    const broken = await h.request('POST', '/api/v1/import', {
      token,
      body: form(
        { cluster: 'tomsk-build' },
        { name: 'битый.xlsx', bytes: new TextEncoder().encode('not a zip') },
      ),
    });
    expect(broken.status).toBe(422);
    const noTable = await h.request('POST', '/api/v1/import', {
      token,
      body: form(
        { cluster: 'tomsk-build' },
        { name: 'заметка.csv', bytes: new TextEncoder().encode('просто\nтекст\n') },
      ),
    });
    expect(noTable.status).toBe(422);
    const other = await h.request('POST', '/api/v1/import', {
      token,
      body: form({ cluster: 'other' }, { name: 'a.xlsx', bytes: xlsx }),
    });
    expect(other.status).toBe(403);
    const unknown = await h.request('POST', '/api/v1/import', {
      body: form({ cluster: 'nope' }, { name: 'a.xlsx', bytes: xlsx }),
    });
    expect(unknown.status).toBe(404);
    const big = await h.request('POST', '/api/v1/import', {
      token,
      body: form(
        { cluster: 'tomsk-build' },
        { name: 'big.csv', bytes: new Uint8Array(3 * 1024 * 1024).fill(65) },
      ),
    });
    expect(big.status).toBe(413);
    expect(await h.services.store.counts()).toEqual(before);
  });
});
