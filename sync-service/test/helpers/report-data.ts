// Known data in a real store (SQLite in a temp folder) for the report and dashboard tests: the five
// samples synced as files, a plan with marks synced twice (the second time one deadline is moved
// by its mark), and a cluster whose every user-written field tries formula and HTML injection.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readText } from '@cluster/shared';
import { applySnapshot } from '../../src/app/sync-snapshot.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { SAMPLE_CLUSTERS, SAMPLES_DIR } from './report-fixtures.ts';

export const AS_OF = '2021-11-20';

/**
 * When the seeding syncs happen, for tests that set the clock (see `seedReportData`): every sync at
 * FIRST_SYNC_AT, the one that moves item 5 at MOVE_SEEN_AT — 16.11.2021 00:30 in Moscow, still the
 * 15th in UTC, so a report must take the day in its own zone.
 */
export const FIRST_SYNC_AT = '2021-11-01T07:00:00.000Z';
export const MOVE_SEEN_AT = '2021-11-15T21:30:00.000Z';
export const MOVE_SEEN_ON = '2021-11-16';

/** Sets the time the next sync records (a test's fake clock). */
export type SyncClock = (iso: string) => void;

export const MARKS_CLUSTER = {
  slug: 'kaluga-mash',
  name: 'Кластер машиностроения',
  region: 'Калужская область',
};

/** Injection attempts: each starts with a character a spreadsheet or a browser would act on. */
export const EVIL = {
  cluster: '=HYPERLINK("http://evil.example","жми")',
  title: '=1+1',
  executor: '+7(999)000-00-00',
  result: '-2+3',
  mark: '@SUM(1;2)',
  html: '<script>alert("x")</script><img src=x onerror=alert(1)>',
};
export const EVIL_CLUSTER = { slug: 'evil', name: EVIL.cluster, region: 'Калужская область' };

const header = '№\tМероприятие\tИсполнитель\tСрок\tРезультат\tОтметка о выполнении';

/** A plan whose items end up in every state on AS_OF; `moved` adds the mark that moves item 5. */
export function marksPlan(moved: boolean): string {
  return [
    'План работы кластера машиностроения на 2021 год',
    '',
    header,
    '1.\tУтверждение плана работы\tИванов И. И.\tмарт 2021\tПриказ\tвыполнено 25.03.2021',
    '2.\tСеминар для мастеров\tИванов И.И.\tапрель 2021\tПрограмма\tвыполнено 10.05.2021',
    '3.\tКонкурс профмастерства\tПетров П.П.\tмай 2021\tИтоги конкурса\t',
    '4.\tОтчёт о работе кластера\tПетров П.П.\tноябрь 2021\tОтчёт\t',
    `5.\tСтажировка преподавателей\tСидоров С.С.\tсентябрь 2021\tДоговоры\t${moved ? 'перенесено на 15.12.2021' : ''}`,
    '6.\tМониторинг трудоустройства\tСидоров С.С.\tпостоянно\tСправка\t',
    '',
  ].join('\n');
}

export function evilPlan(): string {
  return [
    `План работы ${EVIL.html} на 2021 год`,
    '',
    header,
    `1.\t${EVIL.title}\t${EVIL.executor}\tмарт 2021\t${EVIL.result}\t`,
    `2.\t${EVIL.html}\t${EVIL.html}\tапрель 2021\t${EVIL.html}\t${EVIL.mark}`,
    '',
  ].join('\n');
}

export interface ReportData {
  dir: string;
  store: Store;
  close(): Promise<void>;
}

/** Syncs a text plan into the cluster as a file on AS_OF. */
export async function syncText(store: Store, slug: string, fileName: string, text: string): Promise<void> {
  await applySnapshot(store, {
    cluster: slug,
    source: { kind: 'file', fileName },
    title: fileName,
    documents: readText(text, { today: AS_OF }),
    actor: 'test',
    today: AS_OF,
  });
}

export async function openReportData(clock?: SyncClock): Promise<ReportData> {
  const dir = mkdtempSync(join(tmpdir(), 'report-data-'));
  const store = await openStore({ dataDir: join(dir, 'data') });
  await seedReportData(store, clock);
  return {
    dir,
    store,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers the clusters and syncs their documents into `store`. Without a clock the syncs happen
 * now, so a report on AS_OF lists no moves (they were seen after it).
 */
export async function seedReportData(store: Store, clock?: SyncClock): Promise<void> {
  clock?.(FIRST_SYNC_AT);
  for (const c of SAMPLE_CLUSTERS) {
    await store.clusters.create({ slug: c.slug, name: c.name, region: c.region });
    await syncText(store, c.slug, c.file, readFileSync(join(SAMPLES_DIR, c.file), 'utf8'));
  }
  await store.clusters.create(MARKS_CLUSTER);
  await syncText(store, MARKS_CLUSTER.slug, 'plan.txt', marksPlan(false));
  clock?.(MOVE_SEEN_AT);
  await syncText(store, MARKS_CLUSTER.slug, 'plan.txt', marksPlan(true));
  await store.clusters.create(EVIL_CLUSTER);
  await syncText(store, EVIL_CLUSTER.slug, 'evil.txt', evilPlan());
}
