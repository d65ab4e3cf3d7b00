// Loads the example documents the project ships (fixtures/samples) into a `demo` cluster, so a
// newcomer sees real roadmaps, plans and protocol decisions in one command. Running it again
// changes nothing (each file is a source; an identical re-import writes nothing).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFile } from '../app/import-file.ts';
import type { AppServices } from '../services.ts';

export const DEMO_CLUSTER = {
  slug: 'demo',
  name: 'Демонстрационный кластер',
  region: 'Демонстрационный регион',
  industry: 'образцы документов',
};

export const DEMO_DEPARTMENT = {
  slug: 'demo-edu',
  name: 'Демонстрационный департамент',
  region: DEMO_CLUSTER.region,
};

export const SAMPLES_DIR = fileURLToPath(new URL('../../../fixtures/samples/', import.meta.url));

export interface DemoResult {
  cluster: string;
  files: { file: string; items: number; created: number }[];
  items: number;
}

export async function loadDemo(services: AppServices, dir = SAMPLES_DIR): Promise<DemoResult> {
  const { store } = services;
  const cluster =
    (await store.clusters.getBySlug(DEMO_CLUSTER.slug)) ?? (await store.clusters.create(DEMO_CLUSTER));
  const names = readdirSync(dir)
    .filter((f) => /\.(txt|xlsx|csv)$/i.test(f))
    .sort();
  const files: DemoResult['files'] = [];
  for (const name of names) {
    const summary = await importFile(services, cluster, join(dir, name), { actor: 'demo' });
    files.push({ file: name, items: summary.items.length, created: summary.created });
  }
  return { cluster: cluster.slug, files, items: files.reduce((n, f) => n + f.items, 0) };
}

/**
 * A cluster token and a department token to try both views. The previous run's demo tokens are
 * revoked, so they never pile up in a demo store that is kept across runs.
 */
export async function demoTokens(services: AppServices): Promise<{ cluster: string; department: string }> {
  const { store } = services;
  const cluster = (await store.clusters.getBySlug(DEMO_CLUSTER.slug))!;
  const department =
    (await store.departments.getBySlug(DEMO_DEPARTMENT.slug)) ??
    (await store.departments.create(DEMO_DEPARTMENT));
  for (const t of await store.tokens.list()) {
    if (!t.revokedAt && (t.clusterId === cluster.id || t.departmentId === department.id)) {
      await store.tokens.revoke(t.id);
    }
  }
  return {
    cluster: (await store.tokens.create({ kind: 'cluster', subject: cluster.slug })).token,
    department: (await store.tokens.create({ kind: 'department', subject: department.slug })).token,
  };
}
