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
