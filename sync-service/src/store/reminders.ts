// Contacts of executors, the clusters' reminder ladders, the reminders sent (claimed once per item,
// recipient, channel and step by the table's key) and calendar feed secrets.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Db, Param } from './db.ts';
import { marks } from './db.ts';
import { StoreError } from './errors.ts';
import type {
  CalendarFeed,
  ClusterRemindSettings,
  Contact,
  ContactChannel,
  ContactInput,
  ContactWithSecret,
  DeliveryStatus,
  DepartmentRecipient,
  ItemReminder,
  Locale,
  MessageClaim,
  ReminderKey,
  ReminderMessage,
  RemindSettingsPatch,
} from './remind-types.ts';
import { bumpClusters } from './rollup-write.ts';

const now = () => new Date().toISOString();

interface ContactRow {
  id: string;
  cluster_id: string;
  cluster_slug: string;
  executor: string;
  executor_key: string;
  organisation: string | null;
  email: string | null;
  max_chat: string | null;
  vkteams_chat: string | null;
  locale: string;
  unsubscribe_secret: string;
  unsubscribed_at: string | null;
  created_at: string;
  updated_at: string;
}

const contactOf = (r: ContactRow): ContactWithSecret => ({
  id: r.id,
  clusterId: r.cluster_id,
  clusterSlug: r.cluster_slug,
  executor: r.executor,
  executorKey: r.executor_key,
  organisation: r.organisation,
  email: r.email,
  maxChat: r.max_chat,
  vkteamsChat: r.vkteams_chat,
  locale: (r.locale === 'en' ? 'en' : 'ru') as Locale,
  unsubscribeSecret: r.unsubscribe_secret,
  unsubscribedAt: r.unsubscribed_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Without the unsubscribe secret: what lists and answers show. */
export function publicContact(c: ContactWithSecret): Contact {
  const { unsubscribeSecret: _secret, ...rest } = c;
  return rest;
}

const CONTACT_SELECT = `SELECT k.*, c.slug AS cluster_slug FROM contacts k JOIN clusters c ON c.id = k.cluster_id`;

export interface ContactsRepo {
  /** Adds or updates (by executor key) a contact of the cluster; addresses not given are kept. */
  upsert(clusterId: string, input: ContactInput): Promise<ContactWithSecret>;
  list(filter?: { clusterIds?: string[] }): Promise<ContactWithSecret[]>;
  /** False when the cluster has no such contact. */
  remove(clusterId: string, executorKey: string): Promise<boolean>;
  /** The cluster's contacts become exactly these (a sheet's sync); opt-outs of kept ones stay. */
  replaceAll(
    clusterId: string,
    inputs: ContactInput[],
  ): Promise<{ created: number; updated: number; removed: number }>;
  bySecret(secret: string): Promise<ContactWithSecret | null>;
  /** Opt-out (or back in with `false`). */
  setUnsubscribed(id: string, unsubscribed: boolean): Promise<void>;
}

async function upsertContact(db: Pick<Db, 'all' | 'run'>, clusterId: string, input: ContactInput) {
  const at = now();
  // A contact may name an organisation: the cluster's КИД per organisation is summed afresh.
  await bumpClusters(db, 'id = ?', [clusterId]);
  await db.run(
    `INSERT INTO contacts (id, cluster_id, executor, executor_key, organisation, email, max_chat, vkteams_chat,
       locale, unsubscribe_secret, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (cluster_id, executor_key) DO UPDATE SET
       executor = excluded.executor,
       organisation = COALESCE(excluded.organisation, contacts.organisation),
       email = COALESCE(excluded.email, contacts.email),
       max_chat = COALESCE(excluded.max_chat, contacts.max_chat),
       vkteams_chat = COALESCE(excluded.vkteams_chat, contacts.vkteams_chat),
       locale = CASE WHEN ? = 1 THEN excluded.locale ELSE contacts.locale END,
       updated_at = excluded.updated_at`,
    [
      randomUUID(),
      clusterId,
      input.executor,
      input.executorKey,
      input.organisation ?? null,
      input.email ?? null,
      input.maxChat ?? null,
      input.vkteamsChat ?? null,
      input.locale ?? 'ru',
      randomBytes(24).toString('base64url'),
      at,
      at,
      // A language not given keeps the one set before.
      input.locale ? 1 : 0,
    ],
  );
}

export function contactsRepo(db: Db): ContactsRepo {
  const one = async (where: string, params: Param[]) => {
    const [row] = await db.all<ContactRow>(`${CONTACT_SELECT} WHERE ${where}`, params);
    return row ? contactOf(row) : null;
  };
  return {
    async upsert(clusterId, input) {
      await upsertContact(db, clusterId, input);
      const found = await one('k.cluster_id = ? AND k.executor_key = ?', [clusterId, input.executorKey]);
      if (!found) throw new StoreError('not_found', 'Контакт не сохранён');
      return found;
    },
    async list(filter = {}) {
      if (filter.clusterIds && filter.clusterIds.length === 0) return [];
      const rows = filter.clusterIds
        ? await db.all<ContactRow>(
            `${CONTACT_SELECT} WHERE k.cluster_id IN (${marks(filter.clusterIds.length)}) ORDER BY c.slug, k.executor`,
            filter.clusterIds,
          )
        : await db.all<ContactRow>(`${CONTACT_SELECT} ORDER BY c.slug, k.executor`);
      return rows.map(contactOf);
    },
    async remove(clusterId, executorKey) {
      await bumpClusters(db, 'id = ?', [clusterId]);
      return (
        (await db.run('DELETE FROM contacts WHERE cluster_id = ? AND executor_key = ?', [
          clusterId,
          executorKey,
        ])) > 0
      );
    },
    async replaceAll(clusterId, inputs) {
      return db.transaction(async (tx) => {
        await bumpClusters(tx, 'id = ?', [clusterId]);
        const before = new Set(
          (
            await tx.all<{ executor_key: string }>('SELECT executor_key FROM contacts WHERE cluster_id = ?', [
              clusterId,
            ])
          ).map((r) => r.executor_key),
        );
        const keep = new Set<string>();
        let created = 0;
        let updated = 0;
        for (const input of inputs) {
          if (keep.has(input.executorKey)) continue;
          keep.add(input.executorKey);
          // A sheet row says every address: an empty cell clears it.
          await tx.run(
            `UPDATE contacts SET email = NULL, max_chat = NULL, vkteams_chat = NULL, organisation = NULL
             WHERE cluster_id = ? AND executor_key = ?`,
            [clusterId, input.executorKey],
          );
          await upsertContact(tx, clusterId, input);
          if (before.has(input.executorKey)) updated++;
          else created++;
        }
        const gone = [...before].filter((k) => !keep.has(k));
        for (const key of gone)
          await tx.run('DELETE FROM contacts WHERE cluster_id = ? AND executor_key = ?', [clusterId, key]);
        return { created, updated, removed: gone.length };
      });
    },
    bySecret: (secret) => one('k.unsubscribe_secret = ?', [secret]),
    async setUnsubscribed(id, unsubscribed) {
      await db.run('UPDATE contacts SET unsubscribed_at = ?, updated_at = ? WHERE id = ?', [
        unsubscribed ? now() : null,
        now(),
        id,
      ]);
    },
  };
}

interface SettingsRow {
  id: string;
  slug: string;
  name: string;
  region: string;
  coordinator_email: string | null;
  remind_days: string | null;
  escalate_after_days: number | string | null;
}

const settingsOf = (r: SettingsRow): ClusterRemindSettings => ({
  clusterId: r.id,
  clusterSlug: r.slug,
  clusterName: r.name,
  region: r.region,
  coordinatorEmail: r.coordinator_email,
  remindDays: r.remind_days === null ? null : (JSON.parse(r.remind_days) as number[]),
  escalateAfterDays: r.escalate_after_days === null ? null : Number(r.escalate_after_days),
});

export interface RemindSettingsRepo {
  list(): Promise<ClusterRemindSettings[]>;
  get(clusterSlug: string): Promise<ClusterRemindSettings | null>;
  /** Throws StoreError 'not_found' for an unknown cluster. */
  update(clusterSlug: string, patch: RemindSettingsPatch): Promise<ClusterRemindSettings>;
  departments(): Promise<DepartmentRecipient[]>;
  /** Throws StoreError 'not_found' for an unknown department. */
  setDepartmentEmail(slug: string, email: string | null): Promise<void>;
}

const SETTINGS_SELECT =
  'SELECT id, slug, name, region, coordinator_email, remind_days, escalate_after_days FROM clusters';

export function remindSettingsRepo(db: Db): RemindSettingsRepo {
  const get = async (slug: string) => {
    const [row] = await db.all<SettingsRow>(`${SETTINGS_SELECT} WHERE slug = ?`, [slug]);
    return row ? settingsOf(row) : null;
  };
  return {
    async list() {
      return (await db.all<SettingsRow>(`${SETTINGS_SELECT} ORDER BY slug`)).map(settingsOf);
    },
    get,
    async update(slug, patch) {
      const sets: string[] = [];
      const params: Param[] = [];
      if (patch.coordinatorEmail !== undefined) {
        sets.push('coordinator_email = ?');
        params.push(patch.coordinatorEmail);
      }
      if (patch.remindDays !== undefined) {
        sets.push('remind_days = ?');
        params.push(patch.remindDays === null ? null : JSON.stringify(patch.remindDays));
      }
      if (patch.escalateAfterDays !== undefined) {
        sets.push('escalate_after_days = ?');
        params.push(patch.escalateAfterDays);
      }
      if (sets.length)
        await db.run(`UPDATE clusters SET ${sets.join(', ')} WHERE slug = ?`, [...params, slug]);
      const found = await get(slug);
      if (!found) throw new StoreError('not_found', `Кластер «${slug}» не найден`);
      return found;
    },
    async departments() {
      return db.all<DepartmentRecipient>(
        'SELECT id, slug, name, region, email FROM departments ORDER BY slug',
      );
    },
    async setDepartmentEmail(slug, email) {
      const changed = await db.run('UPDATE departments SET email = ? WHERE slug = ?', [email, slug]);
      if (changed === 0) throw new StoreError('not_found', `Департамент «${slug}» не найден`);
    },
  };
}

interface MessageRow {
  id: string;
  run_date: string;
  cluster_id: string | null;
  cluster_slug: string | null;
  recipient: string;
  recipient_label: string;
  channel: ContactChannel;
  address: string;
  subject: string;
  body: string;
  status: DeliveryStatus;
  attempts: number | string;
  error: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
  items: number | string;
}

const messageOf = (r: MessageRow): ReminderMessage => ({
  id: r.id,
  runDate: r.run_date,
  clusterId: r.cluster_id,
  clusterSlug: r.cluster_slug,
  recipient: r.recipient,
  recipientLabel: r.recipient_label,
  channel: r.channel,
  address: r.address,
  subject: r.subject,
  body: r.body,
  status: r.status,
  attempts: Number(r.attempts),
  error: r.error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deliveredAt: r.delivered_at,
  items: Number(r.items),
});

const MESSAGE_SELECT = `SELECT m.*, c.slug AS cluster_slug,
  (SELECT COUNT(*) FROM reminder_items ri WHERE ri.message_id = m.id) AS items
  FROM reminder_messages m LEFT JOIN clusters c ON c.id = m.cluster_id`;

export interface RemindersRepo {
  /** The keys among these already claimed by some message for that recipient and channel. */
  claimedKeys(recipient: string, channel: ContactChannel, keys: ReminderKey[]): Promise<Set<string>>;
  /**
   * In one transaction: each message is stored with those of its keys nobody claimed before
   * (composed from them); a message with no new key is not stored. Returns the stored ones.
   */
  claim(claims: MessageClaim[]): Promise<ReminderMessage[]>;
  /** Records the outcome of `tries` attempts. */
  record(id: string, outcome: { status: DeliveryStatus; error: string | null; tries: number }): Promise<void>;
  /** Failed messages with attempts left, and pending ones left behind (older than `staleBefore`). */
  toRetry(opts: { maxAttempts: number; staleBefore: string }): Promise<ReminderMessage[]>;
  list(filter?: MessageFilter): Promise<ReminderMessage[]>;
  forItem(itemId: string): Promise<ItemReminder[]>;
  /**
   * Takes the day's run: false when another process has it (finished, or started after `staleBefore`;
   * a run started earlier and never finished is taken over).
   */
  startRun(runDate: string, holder: string, staleBefore: string): Promise<boolean>;
  finishRun(runDate: string, holder: string): Promise<void>;
  lastRun(): Promise<{ runDate: string; startedAt: string; finishedAt: string | null } | null>;
}

export interface MessageFilter {
  clusterIds?: string[];
  status?: DeliveryStatus;
  ids?: string[];
  /** Newest first; default 200. Ignored with `ids`. */
  limit?: number;
}

export const keyOf = (k: ReminderKey) => `${k.itemId}\u0000${k.step}`;

export function remindersRepo(db: Db): RemindersRepo {
  const ROW_PARAMS = 5;
  const list = async (filter: MessageFilter = {}): Promise<ReminderMessage[]> => {
    const where: string[] = [];
    const params: Param[] = [];
    if (filter.clusterIds) {
      if (filter.clusterIds.length === 0) return [];
      where.push(`m.cluster_id IN (${marks(filter.clusterIds.length)})`);
      params.push(...filter.clusterIds);
    }
    if (filter.ids) {
      where.push(`m.id IN (${marks(filter.ids.length)})`);
      params.push(...filter.ids);
    }
    if (filter.status) {
      where.push('m.status = ?');
      params.push(filter.status);
    }
    const limit = filter.ids ? '' : ` LIMIT ${Math.max(1, Math.min(filter.limit ?? 200, 10_000))}`;
    const rows = await db.all<MessageRow>(
      `${MESSAGE_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
       ORDER BY m.created_at DESC, m.id${limit}`,
      params,
    );
    return rows.map(messageOf);
  };
  return {
    async claimedKeys(recipient, channel, keys) {
      const found = new Set<string>();
      const per = Math.floor(db.maxParams / 2) - 2;
      for (let i = 0; i < keys.length; i += per) {
        const part = keys.slice(i, i + per);
        const rows = await db.all<{ item_id: string; step: string }>(
          `SELECT item_id, step FROM reminder_items WHERE recipient = ? AND channel = ?
           AND item_id IN (${marks(part.length)})`,
          [recipient, channel, ...part.map((k) => k.itemId)],
        );
        const wanted = new Set(part.map(keyOf));
        for (const r of rows) {
          const key = keyOf({ itemId: r.item_id, step: r.step });
          if (wanted.has(key)) found.add(key);
        }
      }
      return found;
    },

    async claim(claims) {
      if (claims.length === 0) return [];
      const stored = await db.transaction(async (tx) => {
        const ids: string[] = [];
        for (const claim of claims) {
          const id = randomUUID();
          const at = now();
          await tx.run(
            `INSERT INTO reminder_messages (id, run_date, cluster_id, recipient, recipient_label, channel, address,
               subject, body, status, attempts, error, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, '', '', 'pending', 0, NULL, ?, ?)`,
            [
              id,
              claim.runDate,
              claim.clusterId,
              claim.recipient,
              claim.recipientLabel,
              claim.channel,
              claim.address,
              at,
              at,
            ],
          );
          const fresh: ReminderKey[] = [];
          const per = Math.floor(db.maxParams / ROW_PARAMS);
          for (let i = 0; i < claim.keys.length; i += per) {
            const part = claim.keys.slice(i, i + per);
            const params: Param[] = [];
            for (const k of part) params.push(k.itemId, claim.recipient, claim.channel, k.step, id);
            const rows = await tx.all<{ item_id: string; step: string }>(
              `INSERT INTO reminder_items (item_id, recipient, channel, step, message_id)
               VALUES ${part.map(() => '(?, ?, ?, ?, ?)').join(', ')}
               ON CONFLICT DO NOTHING RETURNING item_id, step`,
              params,
            );
            for (const r of rows) fresh.push({ itemId: r.item_id, step: r.step });
          }
          if (fresh.length === 0) {
            await tx.run('DELETE FROM reminder_messages WHERE id = ?', [id]);
            continue;
          }
          const order = new Map(claim.keys.map((k, i) => [keyOf(k), i]));
          fresh.sort((a, b) => (order.get(keyOf(a)) ?? 0) - (order.get(keyOf(b)) ?? 0));
          const { subject, body } = claim.compose(fresh);
          await tx.run('UPDATE reminder_messages SET subject = ?, body = ? WHERE id = ?', [
            subject,
            body,
            id,
          ]);
          ids.push(id);
        }
        return ids;
      });
      return stored.length ? list({ ids: stored }) : [];
    },

    async record(id, outcome) {
      const at = now();
      await db.run(
        `UPDATE reminder_messages SET status = ?, error = ?, attempts = attempts + ?, updated_at = ?,
           delivered_at = ? WHERE id = ?`,
        [outcome.status, outcome.error, outcome.tries, at, outcome.status === 'delivered' ? at : null, id],
      );
    },

    async toRetry({ maxAttempts, staleBefore }) {
      const rows = await db.all<MessageRow>(
        `${MESSAGE_SELECT} WHERE (m.status = 'failed' AND m.attempts < ?)
           OR (m.status = 'pending' AND m.updated_at < ?) ORDER BY m.created_at, m.id`,
        [maxAttempts, staleBefore],
      );
      return rows.map(messageOf);
    },

    list,

    async forItem(itemId) {
      const rows = await db.all<{
        message_id: string;
        step: string;
        channel: ContactChannel;
        recipient_label: string;
        address: string;
        status: DeliveryStatus;
        error: string | null;
        attempts: number | string;
        created_at: string;
        delivered_at: string | null;
        updated_at: string;
      }>(
        `SELECT ri.message_id, ri.step, m.channel, m.recipient_label, m.address, m.status, m.error, m.attempts,
           m.created_at, m.delivered_at, m.updated_at
         FROM reminder_items ri JOIN reminder_messages m ON m.id = ri.message_id
         WHERE ri.item_id = ? ORDER BY m.created_at, m.id`,
        [itemId],
      );
      return rows.map(
        (r): ItemReminder => ({
          messageId: r.message_id,
          step: r.step,
          channel: r.channel,
          recipientLabel: r.recipient_label,
          address: r.address,
          status: r.status,
          error: r.error,
          attempts: Number(r.attempts),
          createdAt: r.created_at,
          deliveredAt: r.delivered_at,
          updatedAt: r.updated_at,
        }),
      );
    },

    async startRun(runDate, holder, staleBefore) {
      // One statement, as leases do: of several processes exactly one gets the row back.
      const rows = await db.all(
        `INSERT INTO remind_runs (run_date, holder, started_at) VALUES (?, ?, ?)
         ON CONFLICT (run_date) DO UPDATE SET holder = excluded.holder, started_at = excluded.started_at
         WHERE remind_runs.finished_at IS NULL AND remind_runs.started_at < ?
         RETURNING run_date`,
        [runDate, holder, now(), staleBefore],
      );
      return rows.length === 1;
    },
    async finishRun(runDate, holder) {
      await db.run('UPDATE remind_runs SET finished_at = ? WHERE run_date = ? AND holder = ?', [
        now(),
        runDate,
        holder,
      ]);
    },
    async lastRun() {
      const [row] = await db.all<{ run_date: string; started_at: string; finished_at: string | null }>(
        'SELECT run_date, started_at, finished_at FROM remind_runs ORDER BY run_date DESC LIMIT 1',
      );
      return row ? { runDate: row.run_date, startedAt: row.started_at, finishedAt: row.finished_at } : null;
    },
  };
}

interface FeedRow {
  id: string;
  cluster_id: string;
  cluster_slug: string;
  executor: string | null;
  created_at: string;
  revoked_at: string | null;
}

const feedOf = (r: FeedRow): CalendarFeed => ({
  id: r.id,
  clusterId: r.cluster_id,
  clusterSlug: r.cluster_slug,
  executor: r.executor,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

const FEED_SELECT =
  'SELECT f.*, c.slug AS cluster_slug FROM calendar_feeds f JOIN clusters c ON c.id = f.cluster_id';

export interface CalendarFeedsRepo {
  /** `secretHash`: sha256 of the feed's secret; the secret itself is not stored. */
  create(input: { clusterId: string; executor: string | null; secretHash: string }): Promise<CalendarFeed>;
  /** Revoked feeds are returned too (check revokedAt). */
  findByHash(secretHash: string): Promise<CalendarFeed | null>;
  list(filter?: { clusterIds?: string[] }): Promise<CalendarFeed[]>;
  /** False when there is no such feed. */
  revoke(id: string): Promise<boolean>;
  getById(id: string): Promise<CalendarFeed | null>;
}

export function calendarFeedsRepo(db: Db): CalendarFeedsRepo {
  const one = async (where: string, value: string) => {
    const [row] = await db.all<FeedRow>(`${FEED_SELECT} WHERE ${where} = ?`, [value]);
    return row ? feedOf(row) : null;
  };
  return {
    async create(input) {
      const id = randomUUID();
      await db.run(
        'INSERT INTO calendar_feeds (id, cluster_id, executor, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)',
        [id, input.clusterId, input.executor, input.secretHash, now()],
      );
      const feed = await one('f.id', id);
      if (!feed) throw new StoreError('not_found', 'Календарь не сохранён');
      return feed;
    },
    findByHash: (hash) => one('f.secret_hash', hash),
    getById: (id) => one('f.id', id),
    async list(filter = {}) {
      if (filter.clusterIds && filter.clusterIds.length === 0) return [];
      const rows = filter.clusterIds
        ? await db.all<FeedRow>(
            `${FEED_SELECT} WHERE f.cluster_id IN (${marks(filter.clusterIds.length)}) ORDER BY f.created_at`,
            filter.clusterIds,
          )
        : await db.all<FeedRow>(`${FEED_SELECT} ORDER BY f.created_at`);
      return rows.map(feedOf);
    },
    async revoke(id) {
      const changed = await db.run(
        'UPDATE calendar_feeds SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
        [now(), id],
      );
      if (changed > 0) return true;
      return (await one('f.id', id)) !== null;
    },
  };
}
