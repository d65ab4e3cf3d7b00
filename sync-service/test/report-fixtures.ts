// The samples as clusters (slug, name, region, file), and an in-memory ReportSource for tests
// that need no store.
import { fileURLToPath } from 'node:url';
import type { ReportCluster, ReportItem, ReportMove, ReportSource } from '../src/reports/model.ts';

export const SAMPLES_DIR = fileURLToPath(new URL('../../fixtures/samples/', import.meta.url));

export const SAMPLE_CLUSTERS: (ReportCluster & { file: string })[] = [
  {
    slug: 'smolensk-light',
    name: 'Кластер лёгкой промышленности',
    region: 'Смоленская область',
    file: 'plan-smolensk-light-industry-2018-2019.txt',
  },
  {
    slug: 'smolensk-construction',
    name: 'Строительный кластер Смоленской области',
    region: 'Смоленская область',
    file: 'protocol-smolensk-construction-2017.txt',
  },
  {
    slug: 'smolensk-transport',
    name: 'Транспортный кластер',
    region: 'Смоленская область',
    file: 'protocol-smolensk-transport-2019.txt',
  },
  {
    slug: 'tomsk-industrial',
    name: 'Промышленный кластер Томской области',
    region: 'Томская область',
    file: 'protocol-tomsk-industrial-2021.txt',
  },
  {
    slug: 'tomsk-construction',
    name: 'Кластер строительства',
    region: 'Томская область',
    file: 'roadmap-tomsk-construction-2021.txt',
  },
];

export function memorySource(
  clusters: ReportCluster[],
  items: readonly ReportItem[],
  moves: readonly ReportMove[] = [],
): ReportSource {
  return {
    clusters: async () => clusters,
    async *items() {
      yield* items;
    },
    async *moves() {
      yield* moves;
    },
  };
}
