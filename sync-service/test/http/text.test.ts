// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are checked field by field
// The text rule at the edge, on both backends: characters XML 1.0 cannot hold (NUL, other C0
// controls, U+FFFE/U+FFFF) and lone surrogates in a sync, an import, a query or a path give the
// same answer on SQLite and PostgreSQL, never a 500; integer fields have ranges; every report
// part is well-formed XML and opens in exceljs (and in LibreOffice, once).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { hasUnsafeText, xmlSafeDeep, xmlSafeText } from '@cluster/shared';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Harness, roadmapRows, startHarness, syncBody } from '../helpers/http-harness.ts';
import { unzipEntries } from '../helpers/report-zip.ts';

const BAD = ['\u0000', '\u0001', '\u000B', '\u000C', '\u001F', '\uFFFE', '\uFFFF', '\uD800', '\uDC00'];
const dirty = (word: string, i: number) => `${word}${BAD[i % BAD.length]}${word}`;

describe('xmlSafeText', () => {
  it('removes what XML 1.0 cannot hold, replaces lone surrogates, keeps the rest', () => {
    expect(xmlSafeText('a\u0000b\u000Bc\uFFFEd\uFFFFe\u0008')).toBe('abcde');
    expect(xmlSafeText('x\uD800y\uDC00z')).toBe('x\uFFFDy\uFFFDz');
    const kept = 'таб\tстрока\nвозврат\r😀 \uFDD0 ё';
    expect(xmlSafeText(kept)).toBe(kept);
    expect(hasUnsafeText(kept)).toBe(false);
  });
  it('cleans keys and values of JSON-like data, leaving dates and the prototype alone', () => {
    const date = new Date(0);
    const value = JSON.parse('{"__proto__": "a\\u0000", "k\\u0000": ["b\\uffff", 1, null]}');
    const out = xmlSafeDeep({ ...value, date });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe('a');
    expect(out.k).toEqual(['b', 1, null]);
    expect(out.date).toBe(date);
  });
});

function wellFormed(xml: string, part: string): void {
  const parser = new SaxesParser();
  let failure: Error | undefined;
  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.write(xml).close();
  expect(failure?.message, part).toBeUndefined();
}

const reports: Record<string, Record<string, Uint8Array>> = {};

describe.each(BACKENDS)('the text rule on %s', (backend) => {
  let h: Harness;
  let token: string;

  beforeAll(async () => {
    h = await startHarness(backend);
    const res = await h.request('POST', '/api/v1/clusters', {
      json: { slug: 'evil', name: 'Кластер', region: 'Томская область' },
    });
    expect(res.status).toBe(201);
    token = await h.token('cluster', 'evil');
  });
  afterAll(() => h?.close());

  it('a sync whose cells hold such characters is stored without them', async () => {
    const items = Array.from({ length: 12 }, (_, i) => ({
      number: `${i + 1}.`,
      title: dirty('Мероприятие', i),
      executor: dirty('Колледж', i + 1),
      deadline: i % 2 ? '01.02.2099' : dirty('март 2099', i),
      mark: dirty('Выполнено', i + 2),
    }));
    const body = syncBody('evil', roadmapRows(items, { title: dirty('Дорожная карта на 2099 год', 0) }), {
      sheetName: dirty('Лист', 5),
      title: dirty('Книга', 6),
      spreadsheetId: dirty('sheet', 0),
    });
    const res = await h.request('POST', '/api/v1/sync', { token, json: body });
    expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(200);
    expect(res.body.created).toBe(12);
    const list = await h.request('GET', '/api/v1/items?cluster=evil&limit=100', { token });
    expect(list.status).toBe(200);
    const text = JSON.stringify(list.body);
    for (const bad of BAD.slice(0, 7)) expect(text.includes(bad)).toBe(false);
    expect(/\\u(d[89ab]|0000)/i.test(text)).toBe(false);
    expect(list.body.items.map((i: any) => i.title)).toContain('МероприятиеМероприятие');
  });

  it('an import (a CSV with NUL and U+FFFF) is stored without them', async () => {
    const csv = '№;Мероприятие;Ответственный;Срок\n1;Совет\u0000 кластера;Минобр\uFFFF;01.02.2099\n';
    const f = new FormData();
    f.append('cluster', 'evil');
    f.append('file', new Blob([new TextEncoder().encode(csv)]), 'план\uFFFF.csv');
    const res = await h.request('POST', '/api/v1/import', { token, body: f });
    expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(200);
    expect(res.body.items[0].title).toBe('Совет кластера');
  });

  it('queries and paths with such characters never reach the store as they are', async () => {
    // Nothing is left of the search text: refused as an empty one would be.
    const q = await h.request('GET', '/api/v1/items?q=%00', { token });
    expect(q.status).toBe(400);
    expect(q.body.error.issues[0].path).toContain('q');
    const q2 = await h.request('GET', '/api/v1/items?cluster=evil%00&q=%D0%BC%EF%BF%BF', { token });
    expect(q2.status).toBe(200);
    const path = await h.request('GET', '/api/v1/items/%00', { token });
    expect(path.status).toBe(400);
    expect(path.body.error.issues[0].path).toBe('path');
    const broken = await h.request('GET', '/api/v1/items/%E0%A4%A', { token });
    expect(broken.status).toBe(400);
  });

  it('sheetId is 0…2^31−1', async () => {
    const rows = roadmapRows([{ number: '1.', title: 'A', executor: 'B', deadline: '01.02.2099' }]);
    for (const sheetId of [2 ** 31, -1, 1.5]) {
      const res = await h.request('POST', '/api/v1/sync', {
        token,
        json: syncBody('evil', rows, { sheetId }),
      });
      expect(res.status, String(sheetId)).toBe(400);
      expect(res.body.error.issues[0].path).toContain('sheetId');
    }
    const max = await h.request('POST', '/api/v1/sync', {
      token,
      json: syncBody('evil', rows, { sheetId: 2 ** 31 - 1 }),
    });
    expect(max.status).toBe(200);
  });

  it('every report part is well-formed XML and exceljs opens both reports', async () => {
    reports[backend] = {};
    for (const path of ['/api/v1/reports/cluster.xlsx?cluster=evil', '/api/v1/reports/consolidated.xlsx']) {
      const res = await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${h.admin}` } });
      expect(res.status, path).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      for (const [part, xml] of await unzipEntries(bytes))
        if (/\.(xml|rels)$/.test(part)) wellFormed(xml, part);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as never);
      expect(wb.worksheets.length).toBeGreaterThanOrEqual(3);
      reports[backend][path.includes('cluster.xlsx') ? 'cluster' : 'consolidated'] = bytes;
    }
  }, 60_000);
});

describe('reports with such characters in LibreOffice', () => {
  it('both reports convert to PDF', async () => {
    const files = reports.sqlite ?? reports.postgres;
    expect(files).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'text-rule-lo-'));
    try {
      const paths = Object.entries(files).map(([name, bytes]) => {
        const path = join(dir, `${name}.xlsx`);
        writeFileSync(path, bytes);
        return path;
      });
      const profile = `file://${join(dir, 'profile')}`;
      const { stderr } = await promisify(execFile)(
        'soffice',
        [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...paths],
        { timeout: 180_000 },
      );
      expect(stderr).not.toMatch(/error|repair/i);
      for (const name of Object.keys(files)) expect(existsSync(join(dir, `${name}.pdf`)), name).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 200_000);
});
