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
import { conflict, invalid, notFound } from './errors.ts';
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
  const expiresAt = input.expires ? expiryOf(input.expires) : null;
  const created = await store.tokens.create({ kind, subject, expiresAt });
  return { id: created.record.id, kind, token: created.token, expiresAt };
}

/** «31.12.2026» / «2026-12-31»: the token works through that day (UTC) and stops at the next midnight. */
export function expiryOf(date: string, now = new Date()): string {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(date);
  const iso = m ? `${m[3]}-${m[2]}-${m[1]}` : date;
  const day = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== iso)
    throw invalid(`Нет такой даты: ${date}`);
  const end = new Date(day.getTime() + 86_400_000);
  if (end <= now) throw invalid(`Дата ${date} уже прошла: токен истёк бы сразу`);
  return end.toISOString();
}

/** A token as the admin sees it: never its secret or hash. */
export interface TokenView {
  id: string;
  kind: TokenKind;
  /** The cluster's or department's slug; «*» for an admin token. */
  scope: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

/** Tokens that still work or may (not revoked), newest last. */
export async function listTokens(store: Store): Promise<TokenView[]> {
  const [tokens, clusters, departments] = await Promise.all([
    store.tokens.list(),
    store.clusters.list(),
    store.departments.list(),
  ]);
  const slugs = new Map([...clusters, ...departments].map((x) => [x.id, x.slug]));
  return tokens
    .filter((t) => !t.revokedAt)
    .map((t) => ({
      id: t.id,
      kind: t.kind,
      scope: t.kind === 'admin' ? '*' : (slugs.get(t.clusterId ?? t.departmentId ?? '') ?? '?'),
      createdAt: t.createdAt,
      lastUsedAt: t.lastUsedAt,
      expiresAt: t.expiresAt,
    }));
}

/** One token's view; 404 when there is none (or it was revoked). */
export async function getToken(store: Store, id: string): Promise<TokenView> {
  const found = (await listTokens(store)).find((t) => t.id === id);
  if (!found) throw notFound(`Токена ${id} нет`);
  return found;
}

/** Revokes at once (its sessions end with it); 404 for an unknown or already revoked id. */
export async function revokeToken(store: Store, id: string): Promise<void> {
  await getToken(store, id);
  await store.tokens.revoke(id);
  await store.sessions.endForToken(id);
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
