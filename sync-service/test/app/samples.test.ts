// The sync path with the real domain core: sample documents and sheet grids read by
// readText/recognizeTables, then written, edited and resynced on both backends.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Grid, readText, recognizeTables, TEMPLATE_HEADERS } from '@cluster/shared';
import { describe, expect, it } from 'vitest';
import { applySnapshot } from '../../src/app/sync-snapshot.ts';
import type { SourceRef, Store } from '../../src/store/store.ts';
import { BACKENDS, useStores } from '../helpers/store-backends.ts';

const SAMPLES = fileURLToPath(new URL('../../../fixtures/samples/', import.meta.url));
const TODAY = '2021-06-01';

function sampleLines(name: string): string[] {
  return readFileSync(`${SAMPLES}${name}`, 'utf8').split(/\r?\n/);
}

const HEADER = [...TEMPLATE_HEADERS.roadmap.headers];

function planGrid(rows: string[][]): Grid {
  return [['План работы кластера на 2021 год'], [], HEADER, ...rows];
}

const SHEET: SourceRef = { kind: 'sheet', spreadsheetId: 'sheet-1', sheetId: 0, sheetName: 'План' };

describe.each(BACKENDS)('sync of real documents on $name', (backend) => {
  const stores = useStores(backend);
  let store: Store;

  async function fresh() {
    ({ store } = await stores.fresh());
    await store.clusters.create({ slug: 'tomsk-build', name: 'Строительство', region: 'Томская область' });
  }

  async function syncLines(lines: string[]) {
    const text = lines.join('\n');
    const documents = readText(text, { today: TODAY });
    return applySnapshot(store, {
      cluster: 'tomsk-build',
      source: { kind: 'file', fileName: 'roadmap-tomsk-construction-2021.txt' },
      documents,
      cells: lines.map((l) => l.split('\t')),
      actor: 'cli',
      today: TODAY,
    });
  }

  it('imports a sample roadmap, resyncs it writing nothing, and keeps identities when a row is inserted', async () => {
    await fresh();
    const lines = sampleLines('roadmap-tomsk-construction-2021.txt');
    const first = await syncLines(lines);
    const recognised = readText(lines.join('\n'), { today: TODAY })[0];
    expect(first.summary.created).toBe(recognised.items.length);
    expect(first.summary.created).toBeGreaterThan(20);
    const [document] = await store.documents.list();
    expect(document).toMatchObject({ kind: 'roadmap', period: { start: '2021-01-01', end: '2021-12-31' } });
    const stored = await store.items.list({ limit: 1000 });
    expect(stored.map((i) => i.title)).toEqual(recognised.items.map((i) => i.title));
    const outside = stored.find((i) => i.deadline.raw === 'март 2020г.');
    expect(outside?.problems.map((p) => p.code)).toContain('deadline_outside_period');

    const again = await syncLines(lines);
    expect(again.rowsWritten).toBe(0);
    expect(again.summary.unchanged).toBe(first.summary.created);

    // A new row above «1.2»: every line below moves down one; no item is lost or recreated.
    const at = lines.findIndex((l) => l.startsWith('1.2.'));
    const inserted = [
      ...lines.slice(0, at),
      '1.2.\tНовое мероприятие: стратегическая сессия кластера\tРуководители ПОО\tапрель 2021 г.\tПротокол',
      ...lines.slice(at),
    ];
    const third = await syncLines(inserted);
    expect(third.summary.created).toBe(1);
    expect(third.summary.removed).toBe(0);
    const byTitle = new Map(first.summary.items.map((i) => [i.title, i.id]));
    for (const i of third.summary.items) {
      if (i.title.startsWith('Новое мероприятие')) continue;
      expect(i.id).toBe(byTitle.get(i.title));
    }
  });

  it('records a deadline moved by «перенесено на …» and a done mark from a sheet grid', async () => {
    await fresh();
    const rows = [
      ['1.', 'Разработка паспорта кластера', 'Председатель КС', 'март 2021 г.', 'Паспорт', ''],
      ['2.', 'Заседание координационного совета', 'Председатель КС', 'май 2021 г.', 'Протокол', ''],
      ['3.', 'Профориентационная неделя', 'ПОО', 'сентябрь 2021 г.', 'Отчёт', ''],
    ];
    const sync = (grid: Grid, rowIds?: (string | null)[]) =>
      applySnapshot(store, {
        cluster: 'tomsk-build',
        source: SHEET,
        documents: recognizeTables(grid, { today: TODAY, sheetName: 'План' }),
        cells: grid,
        rowIds,
        actor: 'token:t1',
        revision: 'r1',
        today: TODAY,
      });
    const first = await sync(planGrid(rows));
    expect(first.summary.created).toBe(3);
    const ids: (string | null)[] = [];
    for (const r of first.summary.rowIds) ids[r.row - 1] = r.id;

    const next = rows.map((r) => [...r]);
    next[0][5] = 'Выполнено';
    next[1][5] = 'перенесено на 15.09.2021';
    const second = await sync(planGrid(next), ids);
    expect(second.summary).toMatchObject({ changed: 2, unchanged: 1, deadlinesMoved: 1 });
    const moved = second.summary.items[1];
    expect(moved.mark).toMatchObject({ status: 'postponed', movedTo: '2021-09-15' });
    expect(moved.effectiveDue).toBe('2021-09-15');

    const history = await store.items.history(moved.id);
    expect(history.find((e) => e.type === 'deadline_moved')).toMatchObject({
      old: '2021-05-31',
      new: '2021-09-15',
    });
    expect(history.filter((e) => e.type === 'status_changed').map((e) => [e.field, e.old, e.new])).toEqual([
      ['mark.status', 'none', 'postponed'],
      ['state', 'overdue', 'upcoming'],
    ]);
    const done = await store.items.history(second.summary.items[0].id);
    expect(done.filter((e) => e.type === 'status_changed').map((e) => [e.field, e.new])).toEqual([
      ['mark.status', 'done'],
      ['state', 'done'],
    ]);
    const moves = [];
    for await (const batch of store.items.iterateDeadlineMoves({ clusterSlugs: ['tomsk-build'] }))
      moves.push(...batch);
    expect(moves.map((m) => [m.title, m.oldDue, m.newDue, m.movesOfItem])).toEqual([
      ['Заседание координационного совета', '2021-05-31', '2021-09-15', 1],
    ]);
    const [report] = (await store.items.iterate({ clusterSlugs: ['tomsk-build'] }).next()).value!;
    expect(report.deadlineMoves).toBe(0);
    const all = [];
    for await (const batch of store.items.iterate({ clusterSlugs: ['tomsk-build'] })) all.push(...batch);
    expect(all.map((i) => i.deadlineMoves)).toEqual([0, 1, 0]);
  });
});
