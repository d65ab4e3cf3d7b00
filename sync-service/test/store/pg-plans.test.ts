// Query plans on a big PostgreSQL cluster (issue 10 point 8): after the product's post-load ANALYZE
// (store.analyze(), what a sync writing ≥ ANALYZE_ROWS rows calls), the paged reads that the overview,
// report and items pages use walk the items_order index page by page: no Sort over the cluster, and a
// 500-row page reads about 500 rows however deep into the cluster it is.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_PAGE_SETTINGS } from '../../src/store/reads.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { createTempDatabase, type TempDatabase } from '../helpers/pg-database.ts';

const BIG = 200_000;
const SMALL = 20_000;
const DOCS = 20;
const PAGE = 500;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Plan Rows': number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

interface Captured {
  text: string;
  values: unknown[];
}

/** Records the SQL the store sends (pool clients are pg.Client), so the test explains the product's own queries. */
function captureQueries(match: RegExp): { captured: Captured[]; stop(): void } {
  const captured: Captured[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [text, values] = args;
    if (typeof text === 'string' && match.test(text))
      captured.push({ text, values: (values as unknown[]) ?? [] });
    return original.apply(this, args);
  };
  return {
    captured,
    stop() {
      proto.query = original;
    },
  };
}

const NOW = '2026-01-01T00:00:00.000Z';

/** Two clusters (BIG and SMALL items) loaded straight in SQL: the store's write path is far too slow for 220k rows in a test. */
async function load(client: pg.Client): Promise<void> {
  await client.query(`INSERT INTO regions (name, created_at) VALUES ('Регион', '${NOW}')`);
  for (const [slug, n] of [
    ['big', BIG],
    ['small', SMALL],
  ] as const) {
    await client.query(
      `INSERT INTO clusters (id, slug, name, region, industry, created_at)
       VALUES ('c-${slug}', '${slug}', 'Кластер ${slug}', 'Регион', NULL, '${NOW}')`,
    );
    await client.query(
      `INSERT INTO sources (id, cluster_id, kind, source_key, file_name, title, created_at)
       VALUES ('s-${slug}', 'c-${slug}', 'file', 'key-${slug}', 'plan.xlsx', 'План', '${NOW}')`,
    );
    await client.query(
      `INSERT INTO documents (id, source_id, cluster_id, ordinal, title, kind, meta, created_at, updated_at)
       SELECT 'd-${slug}-' || lpad(g::text, 3, '0'), 's-${slug}', 'c-${slug}', g, 'Документ ' || g, 'plan', '{}',
              '${NOW}', '${NOW}'
       FROM generate_series(1, ${DOCS}) g`,
    );
    const perDoc = n / DOCS;
    await client.query(
      `INSERT INTO items (id, cluster_id, source_id, document_id, sheet_row, number, task, title, executors,
         deadline, deadline_kind, due_date, effective_due, result, mark, mark_status, state, problems, cells,
         search, executors_search, hash, created_at, updated_at)
       SELECT 'i-${slug}-' || g, 'c-${slug}', 's-${slug}', 'd-${slug}-' || lpad((1 + g % ${DOCS})::text, 3, '0'),
              2 + g / ${DOCS}, (g / ${DOCS})::text, 'Задача', 'Мероприятие ' || g, '["Исполнитель"]',
              '{"kind":"date","date":"2026-06-01","raw":"01.06.2026"}', 'date', '2026-06-01', '2026-06-01', '',
              '{"status":"in_progress","raw":""}', 'in_progress', 'in_progress', '[]', '[]', 'мероприятие',
              'исполнитель', md5(g::text), '${NOW}', '${NOW}'
       FROM generate_series(0, ${perDoc * DOCS - 1}) g`,
    );
  }
}

/** EXPLAIN ANALYZE of a captured query, with the settings the product reads a page under or none. */
async function explain(client: pg.Client, q: Captured, productSettings: boolean): Promise<PlanNode> {
  await client.query('BEGIN');
  try {
    if (productSettings) for (const setting of PG_PAGE_SETTINGS) await client.query(setting);
    const { rows } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${q.text}`, q.values);
    return (rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan;
  } finally {
    await client.query('ROLLBACK');
  }
}

/** How many items rows the plan read to answer. */
function itemsRead(plan: PlanNode): number {
  return nodes(plan)
    .filter((n) => n['Relation Name'] === 'items')
    .reduce((sum, n) => sum + (n['Actual Rows'] ?? 0) * (n['Actual Loops'] ?? 1), 0);
}

/** A page plan that follows items_order: no sort of any kind, and it reads about a page. */
function expectPagePlan(plan: PlanNode): void {
  const all = nodes(plan);
  expect(all.map((n) => n['Node Type']).filter((t) => t.includes('Sort'))).toEqual([]);
  expect(all.filter((n) => n['Relation Name'] === 'items').map((n) => n['Index Name'])).toEqual([
    'items_order',
  ]);
  expect(plan['Node Type']).toBe('Limit');
  expect(plan['Plan Rows']).toBeLessThanOrEqual(PAGE);
  expect(plan['Actual Rows']).toBe(PAGE);
  expect(itemsRead(plan)).toBeLessThanOrEqual(PAGE + 1);
}

describe('PostgreSQL plans on a 200,000-item cluster', () => {
  let db: TempDatabase;
  let url: string;
  let store: Store;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTempDatabase();
    url = await db.schema('plans');
    store = await openStore({ databaseUrl: url, poolSize: 2 });
    client = new pg.Client({ connectionString: url });
    await client.connect();
    // Autovacuum would analyse on its own schedule; the test wants the product's ANALYZE alone.
    await client.query('ALTER TABLE items SET (autovacuum_enabled = false)');
    await client.query('ALTER TABLE documents SET (autovacuum_enabled = false)');
    await load(client);
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await store?.close();
    await db?.drop();
  });

  it('reads every page of a big cluster through items_order, before and after the post-load ANALYZE', async () => {
    // Right after the load, as a sync that has just written the rows: statistics are stale.
    const spy = captureQueries(/ORDER BY i\.cluster_id, i\.document_id, i\.sheet_row, i\.id LIMIT/);
    let seen = 0;
    try {
      for await (const page of store.items.iterate({ clusterSlugs: ['big'] }, PAGE)) seen += page.length;
    } finally {
      spy.stop();
    }
    expect(seen).toBe(BIG);
    expect(spy.captured).toHaveLength(BIG / PAGE + 1);
    // The first page (no cursor) and one deep in the cluster (the row-value cursor over the index).
    const first = spy.captured[0];
    const deep = spy.captured[Math.floor(spy.captured.length * 0.9)];
    expect(first.text).not.toMatch(/\) > \(/);
    expect(deep.text).toMatch(/\(i\.document_id, i\.sheet_row, i\.id\) > \(/);

    for (const q of [first, deep]) expectPagePlan(await explain(client, q, true));
    // Why the settings matter: on stale statistics the plain planner sorts the whole cluster for a page.
    const plain = await explain(client, first, false);
    expect(nodes(plain).some((n) => n['Node Type'].includes('Sort'))).toBe(true);
    expect(itemsRead(plain)).toBe(BIG);

    // What a sync writing ≥ ANALYZE_ROWS rows runs next; then the plans hold with or without the settings.
    await store.analyze();
    for (const q of [first, deep]) {
      expectPagePlan(await explain(client, q, true));
      expectPagePlan(await explain(client, q, false));
    }
  }, 120_000);
});
