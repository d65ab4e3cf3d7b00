// GET /api/v1/reports/consolidated.xlsx and /cluster.xlsx over real HTTP: who may fetch what,
// and the workbook that arrives.

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Harness, startHarness } from '../../helpers/http-harness.ts';
import { listedRows } from '../../helpers/list-sheet.ts';
import { AS_OF, MARKS_CLUSTER, seedReportData } from '../../helpers/report-data.ts';
import { SAMPLE_CLUSTERS } from '../../helpers/report-fixtures.ts';
import { summaryRows } from '../../helpers/summary-sheet.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let h: Harness;
let tomskDept: string;
let marksToken: string;

async function fetchBook(path: string, token: string) {
  const res = await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { res, bytes };
}

async function bookOf(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

const clusterNames = (book: ExcelJS.Workbook) => {
  const sheet = book.getWorksheet('Сводка')!;
  const names: string[] = [];
  for (const row of summaryRows(sheet)) {
    const v = row.getCell(2).value;
    if (typeof v === 'string' && v) names.push(v);
  }
  return names.sort();
};

beforeAll(async () => {
  h = await startHarness('sqlite');
  // Synced on the seeding's dates, so a report on AS_OF lists the move (only Date is faked).
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    await seedReportData(h.services.store, (iso) => vi.setSystemTime(new Date(iso)));
  } finally {
    vi.useRealTimers();
  }
  await h.services.store.departments.create({
    slug: 'tomsk-edu',
    name: 'Департамент',
    region: 'Томская область',
  });
  tomskDept = await h.token('department', 'tomsk-edu');
  marksToken = await h.token('cluster', MARKS_CLUSTER.slug);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('report routes', () => {
  it('a department gets its region, as an xlsx attachment', async () => {
    const { res, bytes } = await fetchBook(`/api/v1/reports/consolidated.xlsx?asOf=${AS_OF}`, tomskDept);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="svodnyj-otchet-${AS_OF}.xlsx"`,
    );
    const book = await bookOf(bytes);
    expect(book.getWorksheet('Сводка')!.getCell('B2').value).toBe('Томская область');
    expect(book.getWorksheet('Сводка')!.getCell('B3').value).toEqual(new Date(`${AS_OF}T00:00:00Z`));
    const tomsk = SAMPLE_CLUSTERS.filter((c) => c.region === 'Томская область').map((c) => c.name);
    expect(clusterNames(book)).toEqual([...tomsk].sort());
  });

  it('a department may not ask for another region; a cluster may not have the consolidated report', async () => {
    const other = await h.request('GET', '/api/v1/reports/consolidated.xlsx?region=Смоленская%20область', {
      token: tomskDept,
    });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain('Смоленская область');
    const cluster = await h.request('GET', '/api/v1/reports/consolidated.xlsx', { token: marksToken });
    expect(cluster.status).toBe(403);
    expect((await h.request('GET', '/api/v1/reports/consolidated.xlsx', { token: null })).status).toBe(401);
  });

  it.each([
    ['/api/v1/reports/consolidated.xlsx?asOf=2021-02-30', '2021-02-30'],
    ['/api/v1/reports/consolidated.xlsx?asOf=20.11.2021', '20.11.2021'],
    ['/api/v1/reports/cluster.xlsx?cluster=kaluga-mash&asOf=2021-11', '2021-11'],
  ])('%s: 400 that names the parameter and the wrong value', async (path, value) => {
    const bad = await h.request('GET', path);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/json/);
    expect(bad.body.error.issues[0].path).toBe('query.asOf');
    expect(bad.body.error.message).toBe(
      `Неверный параметр запроса в query.asOf: нужна существующая дата ГГГГ-ММ-ДД, например 2021-11-20, а не «${value}»`,
    );
  });

  it('a repeated asOf is one date too many', async () => {
    const bad = await h.request('GET', `/api/v1/reports/consolidated.xlsx?asOf=${AS_OF}&asOf=${AS_OF}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('нужна одна дата ГГГГ-ММ-ДД');
  });

  it('an admin naming a region nobody registered gets 404, not an empty report', async () => {
    const res = await h.request(
      'GET',
      `/api/v1/reports/consolidated.xlsx?region=${encodeURIComponent('Марс')}`,
    );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/^Регион «Марс» не найден; регионы: .*Томская область/);
  });

  it("a department gets a cluster report of its region, not of another's", async () => {
    const { res, bytes } = await fetchBook(
      `/api/v1/reports/cluster.xlsx?cluster=tomsk-industrial&asOf=${AS_OF}`,
      tomskDept,
    );
    expect(res.status).toBe(200);
    expect(clusterNames(await bookOf(bytes))).toEqual(['Промышленный кластер Томской области']);
    const other = await h.request('GET', '/api/v1/reports/cluster.xlsx?cluster=smolensk-light', {
      token: tomskDept,
    });
    expect(other.status).toBe(403);
  });

  it('current plans by default; finished=include adds each finished plan with its final tally', async () => {
    const url = `/api/v1/reports/consolidated.xlsx?asOf=${AS_OF}`;
    const titles = (book: ExcelJS.Workbook) =>
      new Set(listedRows(book.getWorksheet('Все мероприятия')!).map((l) => l.document));
    const current = await bookOf((await fetchBook(url, h.admin)).bytes);
    expect(current.getWorksheet('Завершённые планы')).toBeUndefined();
    // The 2018–2019 plan ended before AS_OF: none of its items is listed (nor overdue).
    expect([...titles(current)].some((t) => t.includes('2018-2019'))).toBe(false);
    const withFinished = await bookOf((await fetchBook(`${url}&finished=include`, h.admin)).bytes);
    expect(titles(withFinished)).toEqual(titles(current));
    const sheet = withFinished.getWorksheet('Завершённые планы')!;
    expect(sheet.getRow(1).getCell(7).value).toBe('Выполнено в срок');
    const rows = [];
    for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).hasValues) rows.push(sheet.getRow(r));
    expect(rows).toHaveLength(1);
    const [plan] = rows;
    expect(String(plan.getCell(3).value)).toMatch(/^План работы .*2018-2019/);
    const tally = [6, 7, 8, 9, 10, 11].map((c) => plan.getCell(c).value as number);
    // Every item falls in exactly one of the final columns.
    expect(tally[0]).toBe(tally.slice(1).reduce((a, b) => a + b, 0));
    expect(tally[0]).toBe(20);
    expect(plan.getCell(12).value).toBeInstanceOf(Date);
  });

  it('an admin gets any region, or all of them', async () => {
    const all = await bookOf(
      (await fetchBook(`/api/v1/reports/consolidated.xlsx?asOf=${AS_OF}`, h.admin)).bytes,
    );
    expect(all.getWorksheet('Сводка')!.getCell('B2').value).toBe('все регионы');
    expect(clusterNames(all)).toHaveLength(SAMPLE_CLUSTERS.length + 2);
    const smolensk = await bookOf(
      (
        await fetchBook(
          `/api/v1/reports/consolidated.xlsx?region=${encodeURIComponent('Смоленская область')}`,
          h.admin,
        )
      ).bytes,
    );
    expect(clusterNames(smolensk)).toEqual(
      SAMPLE_CLUSTERS.filter((c) => c.region === 'Смоленская область')
        .map((c) => c.name)
        .sort(),
    );
  });

  it("a cluster's token gets its own cluster's report, and no other", async () => {
    const { res, bytes } = await fetchBook(`/api/v1/reports/cluster.xlsx?asOf=${AS_OF}`, marksToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`otchet-${MARKS_CLUSTER.slug}-${AS_OF}.xlsx`);
    const book = await bookOf(bytes);
    const title = book.getWorksheet('Сводка')!;
    expect([title.getCell('A2').value, title.getCell('B2').value]).toEqual(['Регион:', MARKS_CLUSTER.region]);
    expect([title.getCell('A3').value, title.getCell('B3').value]).toEqual(['Кластер:', MARKS_CLUSTER.name]);
    expect(clusterNames(book)).toEqual([MARKS_CLUSTER.name]);
    expect(listedRows(book.getWorksheet('Переносы сроков')!)[0].row.getCell(2).value).toBe(
      'Стажировка преподавателей',
    );
    const other = await h.request('GET', `/api/v1/reports/cluster.xlsx?cluster=${SAMPLE_CLUSTERS[0].slug}`, {
      token: marksToken,
    });
    expect(other.status).toBe(403);
    const missing = await h.request('GET', '/api/v1/reports/cluster.xlsx?cluster=nope');
    expect(missing.status).toBe(404);
    const none = await h.request('GET', '/api/v1/reports/cluster.xlsx');
    expect(none.status).toBe(400);
  });

  it('a store that fails before the report starts gives a JSON 500, not a broken download', async () => {
    // The planning reads the store in the service's process; the writing has a store of its own
    // (its failures: report-process.test.ts).
    const made = h.services.store.reportsMade;
    const previous = made.previous;
    made.previous = async () => {
      throw new Error('хранилище недоступно');
    };
    try {
      const res = await h.request('GET', `/api/v1/reports/consolidated.xlsx?asOf=${AS_OF}`);
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('content-disposition')).toBeNull();
      expect(res.body.error.code).toBeTruthy();
    } finally {
      made.previous = previous;
    }
  });

  it('is listed in the OpenAPI document', async () => {
    const doc = await h.request('GET', '/api/v1/openapi.json', { token: null });
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/reports/consolidated.xlsx', '/api/v1/reports/cluster.xlsx']),
    );
  });
});
