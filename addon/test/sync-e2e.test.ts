// «Синхронизировать» end to end: the built Code.js in node:vm, its UrlFetchApp making real HTTP
// calls to a real `cluster-sync serve` on loopback with a real SQLite store. What the add-in says
// is checked against what the service's read API says really landed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SheetModel } from './fakes/model.ts';
import type { AddonWorld } from './fakes/world.ts';
import { ensureBuilt, PLAN, ROADMAP, worldWith } from './helpers.ts';
import { cli, closedPort, newDataDir, type ServiceProcess, startService } from './service-process.ts';
import { modelJson } from './user-formatting.ts';

/** Developer-metadata key of the add-in's helper columns (addon/src/helper-columns.ts). */

interface ServerItem {
  id: string;
  sourceId: string;
  row: number;
  number: string;
  title: string;
  deadline: { raw: string; due: string | null };
}

let svc: ServiceProcess;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  await ensureBuilt();
  const dataDir = newDataDir();
  for (const [slug, name, region] of [
    ['tomsk-build', 'Строительный кластер', 'Томская область'],
    ['smolensk-light', 'Кластер лёгкой промышленности', 'Смоленская область'],
  ]) {
    cli(dataDir, ['cluster', 'add', slug, '--name', name, '--region', region, '--new-region']);
    tokens[slug] = cli(dataDir, ['token', 'create', '--cluster', slug]).trim();
  }
  svc = await startService(dataDir);
}, 90_000);

afterAll(async () => {
  await svc?.stop();
});

let spreadsheetSeq = 0;
/** A world on a sample, with its own spreadsheet id so tests do not share a source on the service. */
function syncWorld(file: string, cluster: string, now = '2021-06-01T09:00:00Z'): AddonWorld {
  const w = worldWith(file, { now });
  w.model.id = `1E2eSpreadsheet${++spreadsheetSeq}`;
  w.call('saveSettings', {
    serviceUrl: svc.url,
    cluster,
    token: tokens[cluster],
    periodStart: '',
    periodEnd: '',
    soonDays: 14,
    autoDaily: false,
  });
  return w;
}

async function serverItems(cluster: string): Promise<ServerItem[]> {
  const r = await svc.get<{ items: ServerItem[] }>(
    `/api/v1/items?cluster=${cluster}&limit=1000`,
    tokens[cluster],
  );
  expect(r.status).toBe(200);
  return r.body.items;
}

/** Items of one sheet's source only (the cluster holds other tests' sheets too). */
async function itemsOf(w: AddonWorld, cluster: string, sheet = w.model.activeSheet()): Promise<ServerItem[]> {
  const all = await serverItems(cluster);
  const ids = new Set(idColumnValues(w, sheet));
  const sources = new Set(all.filter((i) => ids.has(i.id)).map((i) => i.sourceId));
  expect(sources.size).toBe(1);
  return all.filter((i) => sources.has(i.sourceId));
}

/** The id column's marker (src/helper-columns.ts MARKER.id; the test project cannot import src). */
const ID_MARKER = '⟦cluster:id⟧';

function idColumn(_w: AddonWorld, sheet: SheetModel): number {
  for (let r = 1; r <= sheet.extent().rows; r++)
    for (let c = 1; c <= sheet.maxColumns; c++) if (sheet.value(r, c) === ID_MARKER) return c;
  throw new Error('no id column on the sheet');
}

/** The id in an id cell («id#fingerprint»). */
function idOf(v: unknown): string {
  return String(v ?? '').replace(/#[0-9a-f]+$/, '');
}

function idColumnValues(w: AddonWorld, sheet: SheetModel): string[] {
  const col = idColumn(w, sheet);
  const out: string[] = [];
  // Cells hold «id#fingerprint»; row 1 holds the column's marker.
  for (let r = 1; r <= sheet.extent().rows; r++) out.push(r === 1 ? '' : idOf(sheet.value(r, col)));
  return out;
}

interface Counts {
  created: number;
  changed: number;
  removed: number;
  unchanged: number;
  moved: number;
}

/** Runs the menu item and reads the counts back from the dialog the user sees. */
function syncAndRead(w: AddonWorld): Counts {
  const before = w.ui.alerts.length;
  w.call('syncNow');
  expect(w.ui.alerts).toHaveLength(before + 1);
  const text = w.ui.alerts[before].message;
  const m =
    /^Синхронизировано\. Новых пунктов: (\d+), изменено: (\d+), удалено: (\d+), без изменений: (\d+), перенесено сроков: (\d+)\.( Строки-копии получили новые номера в истории: [\d, ]+ \(отмечены примечанием\)\.)?$/.exec(
      text,
    );
  if (!m) throw new Error(`unexpected dialog: ${text}`);
  const [created, changed, removed, unchanged, moved] = m.slice(1, 6).map(Number);
  return { created, changed, removed, unchanged, moved };
}

describe('sync with a real service on loopback', () => {
  it('first sync, resync, inserted + renumbered row, moved row, moved deadline, copied and deleted rows', async () => {
    const w = syncWorld(ROADMAP, 'tomsk-build');
    const sheet = w.model.activeSheet();
    const userColumns = sheet.extent().columns;

    // 1. First sync: every item is new; the dialog's count is what the service stored.
    const first = syncAndRead(w);
    const stored = await itemsOf(w, 'tomsk-build');
    expect(first.created).toBeGreaterThan(20);
    expect(stored).toHaveLength(first.created);
    expect(first).toMatchObject({ changed: 0, removed: 0, unchanged: 0, moved: 0 });
    expect(w.services.fetches.at(-1)).toMatchObject({ method: 'POST', status: 200 });
    expect(w.services.fetches.at(-1)?.headers.Authorization).toBe(`Bearer ${tokens['tomsk-build']}`);
    // The hidden id column sits after the user's columns; each item row holds its service id.
    const col = idColumn(w, sheet);
    expect(col).toBeGreaterThan(userColumns);
    expect(sheet.hiddenColumns).toContain(col);
    for (const item of stored) expect(idOf(sheet.value(item.row, col))).toBe(item.id);
    // The id column is not sent as a cell: the service read the user's columns only.
    const sent = JSON.parse(w.services.fetches.at(-1)?.body ?? '{}');
    expect(sent.rows[17].cells).toHaveLength(userColumns);
    expect(sent.source).toMatchObject({ spreadsheetId: w.model.id, sheetName: 'План' });

    // 2. Resync of an unchanged sheet: nothing new, nothing written to the sheet.
    const writes = w.log.byMethod['Range.setValues'] ?? 0;
    expect(syncAndRead(w)).toEqual({
      created: 0,
      changed: 0,
      removed: 0,
      unchanged: first.created,
      moved: 0,
    });
    expect(w.log.byMethod['Range.setValues'] ?? 0).toBe(writes);
    expect(JSON.parse(w.services.fetches.at(-1)?.body ?? '{}').rows[17].id).toBe(stored[0].id);

    // 3. A row inserted inside task 1 and the items below renumbered: 1 new, 0 removed, ids kept.
    const byNumber = new Map(stored.map((i) => [i.number, i]));
    const old13 = byNumber.get('1.3');
    if (!old13) throw new Error('sample has no item 1.3');
    sheet.insertRowsBefore(old13.row, 1, w.model.metadata);
    [
      '1.3.',
      'Проведение отраслевой конференции кластера',
      'Рабочая группа',
      'июль 2021 г.',
      'Резолюция',
    ].forEach((v, i) => {
      sheet.edit(old13.row, i + 1).value = v;
    });
    for (let r = old13.row + 1; r <= old13.row + 5; r++) {
      const m = /^1\.(\d+)\.$/.exec(String(sheet.value(r, 1)));
      if (m) sheet.edit(r, 1).value = `1.${Number(m[1]) + 1}.`;
    }
    const third = syncAndRead(w);
    expect(third).toMatchObject({ created: 1, removed: 0, moved: 0 });
    expect(third.changed).toBeGreaterThanOrEqual(4); // renumbered items are changed, not new
    const afterInsert = await itemsOf(w, 'tomsk-build');
    expect(afterInsert).toHaveLength(first.created + 1);
    for (const before of stored) {
      const now = afterInsert.find((i) => i.id === before.id);
      expect(now?.title).toBe(before.title);
    }
    const added = afterInsert.find((i) => i.title === 'Проведение отраслевой конференции кластера');
    expect(added).toMatchObject({ row: old13.row, number: '1.3' });
    expect(idOf(sheet.value(old13.row, col))).toBe(added?.id);
    expect(afterInsert.find((i) => i.id === old13.id)?.number).toBe('1.4');

    // 4. A row dragged elsewhere keeps its id: nothing new, nothing removed.
    const moving = afterInsert.find((i) => i.number === '1.8');
    if (!moving) throw new Error('no item 1.8 after renumbering');
    sheet.moveRow(moving.row, old13.row);
    const fourth = syncAndRead(w);
    expect(fourth).toMatchObject({ created: 0, removed: 0, moved: 0 });
    expect((await itemsOf(w, 'tomsk-build')).find((i) => i.id === moving.id)?.row).toBe(old13.row);

    // 5. A deadline moved from May to June: one moved deadline, recorded in the item's history.
    const target = (await itemsOf(w, 'tomsk-build')).find((i) => i.deadline.raw === 'май 2021г.');
    if (!target) throw new Error('sample has no May item');
    sheet.edit(target.row, 4).value = 'июнь 2021г.';
    expect(syncAndRead(w)).toMatchObject({ created: 0, changed: 1, removed: 0, moved: 1 });
    const movedItem = (await itemsOf(w, 'tomsk-build')).find((i) => i.id === target.id);
    expect(movedItem?.deadline).toMatchObject({ raw: 'июнь 2021г.', due: '2021-06-30' });
    const history = await svc.get<{ events: { type: string; field: string | null }[] }>(
      `/api/v1/items/${target.id}/history`,
      tokens['tomsk-build'],
    );
    expect(history.body.events.map((e) => e.field)).toContain('deadline');

    // 6. A row copied with its hidden id: the copy is a new item and gets its own id.
    const count = (await itemsOf(w, 'tomsk-build')).length;
    const last = sheet.extent().rows;
    for (let c = 1; c <= col; c++) sheet.edit(last + 1, c).value = sheet.value(target.row, c);
    sheet.edit(last + 1, 1).value = '9.9.';
    sheet.edit(last + 1, 2).value = 'Копия мероприятия с другим названием';
    expect(syncAndRead(w)).toMatchObject({ created: 1, removed: 0 });
    const copyId = idOf(sheet.value(last + 1, col));
    expect(copyId).not.toBe(target.id);
    expect(idOf(sheet.value(target.row, col))).toBe(target.id);
    expect((await itemsOf(w, 'tomsk-build')).find((i) => i.id === copyId)?.title).toBe(
      'Копия мероприятия с другим названием',
    );

    // 7. Deleting that row again: one removed.
    for (let c = 1; c <= col; c++) sheet.edit(last + 1, c).value = '';
    expect(syncAndRead(w)).toMatchObject({ created: 0, removed: 1 });
    expect(await itemsOf(w, 'tomsk-build')).toHaveLength(count);
  });

  it('the daily trigger syncs the chosen sheet too', async () => {
    const w = syncWorld(PLAN, 'smolensk-light', '2019-01-15T09:00:00Z');
    w.call('saveSettings', {
      serviceUrl: svc.url,
      cluster: 'smolensk-light',
      token: '',
      periodStart: '',
      periodEnd: '',
      soonDays: 14,
      autoDaily: true,
    });
    w.model.activeSheetId = w.model.addSheet('Другой лист').id;
    w.call('dailyRun', { authMode: 'FULL' });
    const report = w.services.documentProperties.get('cluster.lastDailyRun') ?? '';
    const m = /подсветка обновлена; Синхронизировано\. Новых пунктов: (\d+),/.exec(report);
    expect(m).not.toBeNull();
    const sheet = w.model.sheets[0];
    expect(sheet.rules.length).toBeGreaterThan(0);
    // The sheet was highlighted first: neither hidden helper column is sent, only the six user columns.
    const body = JSON.parse(w.services.fetches.at(-1)?.body ?? '{}') as { rows: { cells: unknown[] }[] };
    expect(new Set(body.rows.map((r) => r.cells.length))).toEqual(new Set([6]));
    const landed = await itemsOf(w, 'smolensk-light', sheet);
    expect(landed).toHaveLength(Number(m?.[1]));
    for (const item of landed) expect(idOf(sheet.value(item.row, idColumn(w, sheet)))).toBe(item.id);
  });
});

describe('sync failures say what to do and change nothing', () => {
  async function storeSize(): Promise<number> {
    return (await serverItems('tomsk-build')).length + (await serverItems('smolensk-light')).length;
  }

  function failing(w: AddonWorld, pattern: RegExp): void {
    const before = modelJson(w);
    w.call('syncNow');
    expect(w.ui.alerts.at(-1)?.message).toMatch(pattern);
    // The sheet is as it was: no id column, no ids.
    expect(modelJson(w)).toBe(before);
    expect(w.services.lockHeld).toBe(false);
  }

  it('no settings: says where to set them, sends nothing', () => {
    const w = worldWith(ROADMAP);
    failing(w, /^Синхронизация не настроена: откройте «Настройки кластера»/);
    expect(w.services.fetches).toEqual([]);
  });

  it('wrong token (401), token of another cluster, unknown cluster (404)', async () => {
    const size = await storeSize();
    const w = syncWorld(ROADMAP, 'tomsk-build');
    w.services.documentProperties.set('cluster.token', 'cst_not_a_real_token');
    failing(w, /^Сервис не принял токен \(401\)\. Выпустите новый токен/);
    expect(w.services.fetches.at(-1)?.status).toBe(401);

    w.services.documentProperties.set('cluster.token', tokens['smolensk-light']);
    failing(w, /^Токен не даёт права синхронизировать кластер «tomsk-build» \(403\)/);
    expect(w.services.fetches.at(-1)?.status).toBe(403);

    w.services.documentProperties.set('cluster.token', tokens['tomsk-build']);
    w.services.documentProperties.set('cluster.slug', 'tomsk-bild');
    failing(w, /^Кластер «tomsk-bild» не найден \(404\)\. Проверьте кластер в настройках\.$/);
    expect(await storeSize()).toBe(size);
  });

  it('service unreachable, and a URL where no sync service answers', async () => {
    const w = syncWorld(ROADMAP, 'tomsk-build');
    const port = await closedPort();
    w.services.documentProperties.set('cluster.serviceUrl', `http://127.0.0.1:${port}`);
    failing(
      w,
      new RegExp(
        `^Сервис http://127\\.0\\.0\\.1:${port} недоступен\\. .*HTTPS\\.\nПодробности: (?!Exception|Error).*ECONNREFUSED`,
      ),
    );
    expect(w.services.fetches.at(-1)?.status).toBeNull();

    w.services.documentProperties.set('cluster.serviceUrl', `${svc.url}/nowhere`);
    failing(w, /^По адресу http:\/\/127\.0\.0\.1:\d+\/nowhere нет сервиса синхронизации \(404\)/);
  });

  it('rejected snapshots: a sheet without a table (422), a setting the service refuses (400)', async () => {
    const size = await storeSize();
    const w = syncWorld(ROADMAP, 'tomsk-build');
    const notes = w.model.addSheet('Заметки');
    notes.edit(1, 1).value = 'Контакты работодателей';
    notes.edit(2, 1).value = 'ООО «СтройМонтаж», тел. 8 (3822) 00-00-00';
    w.model.activeSheetId = notes.id;
    failing(w, /^Сервис отклонил данные листа \(422\): Лист «Заметки»: не найдена таблица/);

    w.model.activeSheetId = w.model.sheets[0].id;
    // A soon-window stored by hand (or an older version) outside what the contract allows.
    w.services.documentProperties.set('cluster.soonDays', '400');
    failing(w, /^Сервис отклонил данные листа \(400\): .*settings\.soonDays/);
    expect(await storeSize()).toBe(size);
  });

  it('another editor holds the document lock: nothing is sent', () => {
    const w = syncWorld(ROADMAP, 'tomsk-build');
    w.services.lockBusy = true;
    failing(w, /^Таблицу сейчас изменяет другой пользователь или задача\. Повторите через минуту\.$/);
    expect(w.services.fetches).toEqual([]);
  });
});

describe('a sheet larger than the service accepts', () => {
  it('413: says so and what to do; the store and the sheet stay as they were', async () => {
    // A second service whose BODY_LIMIT is below the roadmap's snapshot.
    const dataDir = newDataDir();
    cli(dataDir, [
      'cluster',
      'add',
      'tomsk-build',
      '--name',
      'Строительный кластер',
      '--region',
      'Томская область',
    ]);
    const token = cli(dataDir, ['token', 'create', '--cluster', 'tomsk-build']).trim();
    const small = await startService(dataDir, { BODY_LIMIT: '8kb' });
    try {
      const w = worldWith(ROADMAP);
      w.call('saveSettings', {
        serviceUrl: small.url,
        cluster: 'tomsk-build',
        token,
        periodStart: '',
        periodEnd: '',
        soonDays: 14,
        autoDaily: false,
      });
      const before = modelJson(w);
      w.call('syncNow');
      expect(w.services.fetches.at(-1)?.status).toBe(413);
      expect(Buffer.byteLength(w.services.fetches.at(-1)?.body ?? '')).toBeGreaterThan(8 * 1024);
      expect(w.ui.alerts.at(-1)?.message).toMatch(/^Лист слишком большой для сервиса \(413\).*BODY_LIMIT/);
      expect(modelJson(w)).toBe(before);
      const items = await small.get<{ items: unknown[] }>('/api/v1/items?cluster=tomsk-build', token);
      expect(items.body.items).toEqual([]);
    } finally {
      await small.stop();
    }
  });
});
