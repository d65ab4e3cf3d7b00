// Regions, departments, clusters and access tokens.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { isSlug, SLUG_RULE_RU } from '@cluster/shared';
import type { Store } from './api.ts';
import { countRows, type Db, pageClause, type Sql } from './db.ts';
import { StoreError } from './errors.ts';
import { removeCluster, removeDepartment } from './removals.ts';
import type { Cluster, Department, Region, TokenKind, TokenRecord } from './types.ts';

const now = () => new Date().toISOString();

/** A unique-key violation on either backend. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errcode?: string; message?: string };
  return (
    e?.code === '23505' ||
    (e?.code === 'ERR_SQLITE_ERROR' && /UNIQUE constraint failed/.test(e.message ?? '')) ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

async function ensureRegion(sql: Sql, name: string): Promise<void> {
  await sql.run('INSERT INTO regions (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING', [
    name,
    now(),
  ]);
}

function required(value: string, what: string): string {
  const v = value.trim();
  if (!v) throw new StoreError('invalid', `Не задано: ${what}`);
  return v;
}

function slugOf(slug: string): string {
  if (!isSlug(slug)) throw new StoreError('invalid', `Код «${slug}» не подходит: ${SLUG_RULE_RU}`);
  return slug;
}

interface PlaceRow {
  id: string;
  slug: string;
  name: string;
  region: string;
  created_at: string;
}
interface DepartmentRow extends PlaceRow {
  addressee: string | null;
  signer_title: string | null;
  signer_name: string | null;
}
interface ClusterRow extends PlaceRow {
  industry: string | null;
}

const placeOf = (r: PlaceRow) => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  region: r.region,
  createdAt: r.created_at,
});
const departmentOf = (r: DepartmentRow): Department => ({
  ...placeOf(r),
  settings: { addressee: r.addressee, signerTitle: r.signer_title, signerName: r.signer_name },
});
const clusterOf = (r: ClusterRow): Cluster => ({ ...placeOf(r), industry: r.industry });

export function regionsRepo(db: Db): Store['regions'] {
  return {
    async list() {
      const rows = await db.all<{ name: string; created_at: string }>(
        'SELECT name, created_at FROM regions ORDER BY name',
      );
      return rows.map((r): Region => ({ name: r.name, createdAt: r.created_at }));
    },
  };
}

export function departmentsRepo(db: Db): Store['departments'] {
  const one = async (where: string, value: string) => {
    const [row] = await db.all<DepartmentRow>(`SELECT * FROM departments WHERE ${where} = ?`, [value]);
    return row ? departmentOf(row) : null;
  };
  return {
    async create(input) {
      const department: Department = {
        id: randomUUID(),
        slug: slugOf(input.slug),
        name: required(input.name, 'название департамента'),
        region: required(input.region, 'регион'),
        createdAt: now(),
        settings: { addressee: null, signerTitle: null, signerName: null },
      };
      try {
        await db.transaction(async (tx) => {
          await ensureRegion(tx, department.region);
          await tx.run(
            'INSERT INTO departments (id, slug, name, region, created_at) VALUES (?, ?, ?, ?, ?)',
            [department.id, department.slug, department.name, department.region, department.createdAt],
          );
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new StoreError('conflict', `Департамент «${input.slug}» уже зарегистрирован`);
        }
        throw error;
      }
      return department;
    },
    getById: (id) => one('id', id),
    getBySlug: (slug) => one('slug', slug),
    async updateSettings(slug, settings) {
      const sets: string[] = [];
      const params: (string | null)[] = [];
      const columns = {
        addressee: 'addressee',
        signerTitle: 'signer_title',
        signerName: 'signer_name',
      } as const;
      for (const [key, column] of Object.entries(columns) as [keyof typeof columns, string][]) {
        if (settings[key] === undefined) continue;
        sets.push(`${column} = ?`);
        params.push(settings[key]?.trim() || null);
      }
      if (sets.length)
        await db.run(`UPDATE departments SET ${sets.join(', ')} WHERE slug = ?`, [...params, slug]);
      return one('slug', slug);
    },
    async list(filter = {}) {
      const rows = filter.region
        ? await db.all<DepartmentRow>('SELECT * FROM departments WHERE region = ? ORDER BY slug', [
            filter.region,
          ])
        : await db.all<DepartmentRow>('SELECT * FROM departments ORDER BY slug');
      return rows.map(departmentOf);
    },
    remove: (id) => db.transaction((tx) => removeDepartment(tx, id)),
  };
}

export function clustersRepo(db: Db): Store['clusters'] {
  const one = async (where: string, value: string) => {
    const [row] = await db.all<ClusterRow>(`SELECT * FROM clusters WHERE ${where} = ?`, [value]);
    return row ? clusterOf(row) : null;
  };
  return {
    async create(input) {
      const cluster: Cluster = {
        id: randomUUID(),
        slug: slugOf(input.slug),
        name: required(input.name, 'название кластера'),
        region: required(input.region, 'регион'),
        industry: input.industry?.trim() || null,
        createdAt: now(),
      };
      try {
        await db.transaction(async (tx) => {
          await ensureRegion(tx, cluster.region);
          await tx.run(
            'INSERT INTO clusters (id, slug, name, region, industry, created_at) VALUES (?, ?, ?, ?, ?, ?)',
            [cluster.id, cluster.slug, cluster.name, cluster.region, cluster.industry, cluster.createdAt],
          );
        });
      } catch (error) {
        if (isUniqueViolation(error))
          throw new StoreError('conflict', `Кластер «${input.slug}» уже зарегистрирован`);
        throw error;
      }
      return cluster;
    },
    getById: (id) => one('id', id),
    getBySlug: (slug) => one('slug', slug),
    async list(filter = {}) {
      // Ordered by the unique index on slug, so a page is read off the index.
      const page = pageClause(filter);
      const rows = filter.region
        ? await db.all<ClusterRow>(`SELECT * FROM clusters WHERE region = ? ORDER BY slug${page.sql}`, [
            filter.region,
            ...page.params,
          ])
        : await db.all<ClusterRow>(`SELECT * FROM clusters ORDER BY slug${page.sql}`, page.params);
      return rows.map(clusterOf);
    },
    count: () => countRows(db, 'clusters'),
    remove: (id, { withDocuments }) => db.transaction((tx) => removeCluster(tx, id, withDocuments)),
  };
}

/** Same format and hash as src/http/tokens.ts: `cst_` + 32 random bytes, sha256 hex stored. */
export function newToken(): { token: string; hash: string } {
  const token = `cst_${randomBytes(32).toString('base64url')}`;
  return { token, hash: createHash('sha256').update(token, 'utf8').digest('hex') };
}

interface TokenRow {
  id: string;
  hash: string;
  kind: TokenKind;
  cluster_id: string | null;
  department_id: string | null;
  created_at: string;
  revoked_at: string | null;
  expires_at: string | null;
  last_used_at: string | null;
}

const tokenOf = (r: TokenRow): TokenRecord => ({
  id: r.id,
  hash: r.hash,
  kind: r.kind,
  clusterId: r.cluster_id,
  departmentId: r.department_id,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
});

export function tokensRepo(
  db: Db,
  clusters: Store['clusters'],
  departments: Store['departments'],
): Store['tokens'] {
  return {
    async create({ kind, subject, expiresAt = null }) {
      let clusterId: string | null = null;
      let departmentId: string | null = null;
      if (kind === 'cluster' || kind === 'department') {
        if (!subject) throw new StoreError('invalid', 'Укажите кластер или департамент токена');
        const found =
          kind === 'cluster' ? await clusters.getBySlug(subject) : await departments.getBySlug(subject);
        if (!found) {
          throw new StoreError(
            'not_found',
            kind === 'cluster' ? `Кластер «${subject}» не найден` : `Департамент «${subject}» не найден`,
          );
        }
        if (kind === 'cluster') clusterId = found.id;
        else departmentId = found.id;
      } else if (kind !== 'admin') {
        throw new StoreError('invalid', `Неизвестный вид токена: ${String(kind)}`);
      }
      const { token, hash } = newToken();
      const record: TokenRecord = {
        id: randomUUID(),
        hash,
        kind,
        clusterId,
        departmentId,
        createdAt: now(),
        revokedAt: null,
        expiresAt,
        lastUsedAt: null,
      };
      await db.run(
        'INSERT INTO tokens (id, hash, kind, cluster_id, department_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [
          record.id,
          record.hash,
          record.kind,
          record.clusterId,
          record.departmentId,
          record.createdAt,
          record.expiresAt,
        ],
      );
      return { token, record };
    },
    async getById(id) {
      const [row] = await db.all<TokenRow>('SELECT * FROM tokens WHERE id = ?', [id]);
      return row ? tokenOf(row) : null;
    },
    async findByHash(hash) {
      const [row] = await db.all<TokenRow>('SELECT * FROM tokens WHERE hash = ?', [hash]);
      return row ? tokenOf(row) : null;
    },
    async revoke(id) {
      const changed = await db.run('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [
        now(),
        id,
      ]);
      if (changed > 0) return true;
      const [row] = await db.all('SELECT id FROM tokens WHERE id = ?', [id]);
      return row !== undefined;
    },
    async list() {
      return (await db.all<TokenRow>('SELECT * FROM tokens ORDER BY created_at, id')).map(tokenOf);
    },
    async touch(id, at) {
      await db.run('UPDATE tokens SET last_used_at = ? WHERE id = ?', [at, id]);
    },
  };
}
