// What an administrator does, whether through the HTTP API or the CLI: register clusters,
// departments and Google sheet sources, and issue tokens. Errors are AppErrors (or the store's
// StoreErrors).
import type * as z from 'zod';
import type { Store } from '../store/api.ts';
import type { TokenKind } from '../store/types.ts';
import type {
  CreateClusterSchema,
  CreateDepartmentSchema,
  CreateSourceSchema,
  CreateTokenSchema,
  DepartmentSettingsSchema,
} from './admin-inputs.ts';
import { conflict, notFound } from './errors.ts';
import { checkRegion } from './regions.ts';

/** A cluster in a region that exists (or a new one on request: see checkRegion). */
export async function addCluster(store: Store, input: z.infer<typeof CreateClusterSchema>) {
  if (await store.clusters.getBySlug(input.slug)) throw conflict(`Кластер «${input.slug}» уже есть`);
  const { newRegion, ...cluster } = input;
  return store.clusters.create({ ...cluster, region: await checkRegion(store, input.region, newRegion) });
}

export async function addDepartment(store: Store, input: z.infer<typeof CreateDepartmentSchema>) {
  if (await store.departments.getBySlug(input.slug)) throw conflict(`Департамент «${input.slug}» уже есть`);
  const { newRegion, ...department } = input;
  return store.departments.create({
    ...department,
    region: await checkRegion(store, input.region, newRegion),
  });
}

/** Registers a Google sheet to pull. Its name is learnt on the first pull. */
export async function addSource(store: Store, input: z.infer<typeof CreateSourceSchema>) {
  const cluster = await store.clusters.getBySlug(input.cluster);
  if (!cluster) throw notFound(`Кластер «${input.cluster}» не найден`);
  const existing = (await store.sources.list({ kind: 'sheet' })).find(
    (s) => s.spreadsheetId === input.spreadsheetId && s.sheetId === input.sheetId,
  );
  if (existing) {
    throw conflict(
      `Лист ${input.spreadsheetId} (id ${input.sheetId}) уже зарегистрирован за кластером «${existing.clusterSlug}»`,
    );
  }
  return store.sources.register(cluster.slug, {
    kind: 'sheet',
    spreadsheetId: input.spreadsheetId,
    sheetId: input.sheetId,
    sheetName: '',
  });
}

/** A new token; only its hash is stored, the token itself is returned once. */
export async function issueToken(store: Store, input: z.infer<typeof CreateTokenSchema>) {
  const kind: TokenKind = input.cluster ? 'cluster' : input.department ? 'department' : 'admin';
  const subject = input.cluster ?? input.department ?? null;
  if (input.cluster && !(await store.clusters.getBySlug(input.cluster))) {
    throw notFound(`Кластер «${input.cluster}» не найден`);
  }
  if (input.department && !(await store.departments.getBySlug(input.department))) {
    throw notFound(`Департамент «${input.department}» не найден`);
  }
  const created = await store.tokens.create({ kind, subject });
  return { id: created.record.id, kind, token: created.token };
}

export async function setDepartmentSettings(
  store: Store,
  slug: string,
  input: z.infer<typeof DepartmentSettingsSchema>,
) {
  const department = await store.departments.updateSettings(slug, input);
  if (!department) throw notFound(`Департамент «${slug}» не найден`);
  return department;
}
