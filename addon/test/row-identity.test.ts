// Row identity under the row moves Sheets offers: after each, every row is sent to the service with
// the id it was given for ITS content. A recording service on loopback answers like the real one
// (new ids for rows sent without one) and keeps what the add-in sent.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SheetModel } from './fakes/model.ts';
import type { AddonWorld } from './fakes/world.ts';
import { ensureBuilt, PLAN, worldWith } from './helpers.ts';
import { asEarlierVersionLeftIt, helperColumns, LEGACY_KEY } from './legacy-sheet.ts';

interface Sent {
  rows: { id: string | null; cells: unknown[]; copiedFrom?: string }[];
}

// The recording service runs in its own process: the UrlFetchApp fake blocks this one while it waits.
const SERVICE = `
let next = 1;
const server = require('node:http').createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    const sent = JSON.parse(body);
    const rowIds = sent.rows.flatMap((r, i) =>
      r.id === null && r.cells.some((c) => c !== null) ? [{ row: i + 1, id: 'id-' + next++ }] : []);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ syncId: 's', documentId: 'd', created: rowIds.length, changed: 0, removed: 0,
      unchanged: 0, deadlinesMoved: 0, rowIds, items: [] }));
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

let service: ChildProcess;
let url = '';

beforeAll(async () => {
  await ensureBuilt();
  service = spawn(process.execPath, ['-e', SERVICE], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => {
    service.stdout?.once('data', (d: Buffer) => resolve(d.toString().trim()));
  });
  url = `http://127.0.0.1:${port}`;
});
afterAll(() => {
  service?.kill();
});

const FORM = {
  cluster: 'smolensk',
  token: 'cst_token_0001',
  periodStart: '',
  periodEnd: '',
  soonDays: 14,
  autoDaily: false,
};

/** «number title» → id, as last sent. */
function idsByTitle(w: AddonWorld): Map<string, string | null> {
  const last = JSON.parse(w.services.fetches.at(-1)?.body ?? '{}') as Sent;
  const out = new Map<string, string | null>();
  for (const r of last.rows)
    if (typeof r.cells[1] === 'string' && r.cells[0] !== null) out.set(`${r.cells[0]} ${r.cells[1]}`, r.id);
  return out;
}

function synced(w: AddonWorld): Map<string, string | null> {
  w.call('syncNow');
  const alert = w.ui.alerts.at(-1)?.message ?? '';
  expect(alert).toMatch(/^Синхронизировано/);
  return idsByTitle(w);
}

function setUp(): { w: AddonWorld; sheet: SheetModel; before: Map<string, string | null> } {
  const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
  w.call('saveSettings', { ...FORM, serviceUrl: url });
  synced(w);
  const before = synced(w); // the second sync sends the ids the first one got
  expect([...before.values()].every((id) => id?.startsWith('id-'))).toBe(true);
  return { w, sheet: w.model.activeSheet(), before };
}

/** Item rows 28–40 of the plan sample, columns A–F (the hidden id column is to their right). */
const ITEMS = { row: 28, column: 1, rows: 13, columns: 6 };

describe('row identity survives row moves', () => {
  it('«Сортировать диапазон» on a selection without the hidden column', () => {
    const { w, sheet, before } = setUp();
    sheet.sortRange(ITEMS, 2);
    expect(synced(w)).toEqual(before);
  });

  it("a filter's sort", () => {
    const { w, sheet, before } = setUp();
    sheet.filterSort({ ...ITEMS, row: ITEMS.row - 1, rows: ITEMS.rows + 1 }, 4, false);
    expect(synced(w)).toEqual(before);
  });

  it('cut and paste of cells to an empty row below', () => {
    const { w, sheet, before } = setUp();
    const to = sheet.extent().rows + 2;
    sheet.cutPaste({ row: 30, column: 1, rows: 1, columns: 6 }, to, 1);
    expect(synced(w)).toEqual(before);
  });

  it('a duplicated row: the original keeps its id, the copy gets a new one and a note', () => {
    const { w, sheet, before } = setUp();
    sheet.duplicateRow(31, w.model.metadata);
    sheet.edit(32, 1).value = '1.3a';
    const after = synced(w);
    for (const [k, id] of before) expect(after.get(k)).toBe(id);
    const copy = [...after].find(([k]) => k.startsWith('1.3a '));
    expect(copy?.[1]).toBeNull(); // sent without an id, so the service gives it a new one
    // …and with the id it carried, so the service can note in its history whose copy it is.
    const sent = JSON.parse(w.services.fetches.at(-1)?.body ?? '{}') as Sent;
    expect(sent.rows[31].cells[0]).toBe('1.3a');
    expect(sent.rows[31].copiedFrom).toBe(sent.rows[30].id);
    expect(sent.rows[30].id).toMatch(/^id-/);
    expect(sent.rows.filter((r) => r.copiedFrom)).toHaveLength(1);
    expect(w.ui.alerts.at(-1)?.message).toMatch(/Строки-копии получили новые номера в истории: 32/);
    expect(sheet.cell(32, 1)?.note).toMatch(/копия другой строки/);
    synced(w); // the copy now has its own id: nothing more to note
    const again = JSON.parse(w.services.fetches.at(-1)?.body ?? '{}') as Sent;
    expect(again.rows.filter((r) => r.copiedFrom)).toEqual([]);
  });

  it('ids in the column an earlier version left (metadata, no marker, no fingerprints) are kept', () => {
    const { w, sheet, before } = setUp();
    asEarlierVersionLeftIt(w, sheet);
    const columns = sheet.maxColumns;
    expect(synced(w)).toEqual(before);
    // The column is now in the current form: marked, fingerprinted, its metadata gone; no second one.
    expect(sheet.maxColumns).toBe(columns);
    expect(helperColumns(w, sheet, 'id')).toHaveLength(1);
    expect(w.model.metadata.filter((m) => m.key === LEGACY_KEY)).toEqual([]);
    expect(synced(w)).toEqual(before);
  });

  it('a duplicated sheet keeps the ids with their rows', () => {
    const { w, sheet, before } = setUp();
    const copy = w.model.duplicateSheet(sheet.id);
    w.model.activeSheetId = copy.id;
    expect(synced(w)).toEqual(before);
  });
});
