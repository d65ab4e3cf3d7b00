// The reminder run: plan the day's ladder over every item, claim in the store what was not sent yet
// (at most once per item, recipient, channel and step, whichever process runs), then send each
// message with retries and backoff. A failed message is recorded with its reason and tried again
// by later runs; it never holds up the others.

import { type Channels, channelsFrom, closeChannels, SendError } from '../remind/channels.ts';
import { composeReminder } from '../remind/compose.ts';
import { type PlannedMessage, type RemindItem, RemindPlanner } from '../remind/plan.ts';
import type { AppServices } from '../services.ts';
import {
  CONTACT_CHANNELS,
  type ContactChannel,
  type MessageClaim,
  type ReminderMessage,
} from '../store/remind-types.ts';
import { keyOf } from '../store/reminders.ts';
import type { ReportItem } from '../store/types.ts';

export interface RemindOptions {
  /** The day to run for (ISO); today in APP_TIME_ZONE by default. */
  asOf?: string;
  /** Plan and report, send and record nothing. */
  dryRun?: boolean;
  /** Channels to send through; from the configuration by default (then closed afterwards). */
  channels?: Channels;
  /** Tries per message in this run, and the first backoff (doubles each time). */
  tries?: number;
  backoffMs?: number;
  /** Messages sent at once. */
  concurrency?: number;
}

export interface RemindMessageResult {
  id: string | null;
  recipient: string;
  channel: ContactChannel;
  address: string;
  items: number;
  status: 'planned' | 'delivered' | 'failed';
  error: string | null;
}

export interface RemindResult {
  asOf: string;
  dryRun: boolean;
  messages: RemindMessageResult[];
  delivered: number;
  failed: number;
  /** Earlier failures sent again in this run. */
  retried: number;
}

/** Failed messages are tried again by this many runs at most (counting every try). */
export const MAX_ATTEMPTS = 10;
/** A message still pending this long after its last change was left behind by a stopped process. */
const STALE_PENDING_MS = 15 * 60_000;

export function remindItemOf(item: ReportItem): RemindItem {
  return {
    id: item.id,
    clusterId: item.clusterId,
    region: item.region,
    number: item.number,
    title: item.title,
    documentTitle: item.documentTitle,
    deadlineRaw: item.deadline.raw,
    due: item.effectiveDue,
    state: item.state,
    executors: item.executors,
  };
}

async function planDay(services: AppServices, asOf: string, channels: ReadonlySet<ContactChannel>) {
  const { store, config } = services;
  const [clusters, contacts, departments] = await Promise.all([
    store.remindSettings.list(),
    store.contacts.list(),
    store.remindSettings.departments(),
  ]);
  const planner = new RemindPlanner({
    asOf,
    digestWeekday: config.remind.digestWeekday,
    clusters,
    contacts,
    departments,
    channels,
  });
  for await (const batch of store.items.iterate({ asOf: { today: asOf, soonDays: config.soonDays } }, 2000))
    for (const item of batch) planner.add(remindItemOf(item));
  const clusterNames = new Map(clusters.map((c) => [c.clusterId, c.clusterName]));
  return { planned: planner.messages(), clusterNames };
}

function claimOf(
  m: PlannedMessage,
  asOf: string,
  publicUrl: string,
  clusterNames: ReadonlyMap<string, string>,
): MessageClaim {
  const byKey = new Map(m.entries.map((e) => [keyOf({ itemId: e.item.id, step: e.step }), e]));
  return {
    runDate: asOf,
    clusterId: m.clusterId,
    recipient: m.recipient,
    recipientLabel: m.recipientLabel,
    channel: m.channel,
    address: m.address,
    keys: m.entries.map((e) => ({ itemId: e.item.id, step: e.step })),
    compose: (fresh) =>
      composeReminder({
        kind: m.kind,
        locale: m.locale,
        recipientLabel: m.recipientLabel,
        clusterName: m.clusterId ? (clusterNames.get(m.clusterId) ?? null) : null,
        clusterNames,
        asOf,
        entries: fresh.map((k) => byKey.get(keyOf(k))).filter((e) => e !== undefined),
        publicUrl,
        unsubscribeSecret: m.unsubscribeSecret,
      }),
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Sends one stored message with retries; records the outcome. */
async function deliver(
  services: AppServices,
  channels: Channels,
  m: ReminderMessage,
  tries: number,
  backoffMs: number,
): Promise<RemindMessageResult> {
  const channel = channels[m.channel];
  let error: string | null = null;
  let used = 0;
  if (!channel) {
    error = `канал ${m.channel} не настроен`;
    used = 1;
  } else {
    for (let attempt = 0; attempt < tries; attempt++) {
      used++;
      try {
        await channel.send({ address: m.address, subject: m.subject, body: m.body });
        error = null;
        break;
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
        if (e instanceof SendError && !e.transient) break;
        if (attempt + 1 < tries) await sleep(backoffMs * 2 ** attempt);
      }
    }
  }
  const status = error === null ? 'delivered' : 'failed';
  await services.store.reminders.record(m.id, { status, error, tries: used });
  if (error) services.logger.warn({ message: m.id, channel: m.channel, error }, 'reminder not delivered');
  return {
    id: m.id,
    recipient: m.recipientLabel,
    channel: m.channel,
    address: m.address,
    items: m.items,
    status,
    error,
  };
}

async function deliverAll(
  services: AppServices,
  channels: Channels,
  messages: ReminderMessage[],
  opts: RemindOptions,
): Promise<RemindMessageResult[]> {
  const out: RemindMessageResult[] = new Array(messages.length);
  let next = 0;
  const worker = async () => {
    while (next < messages.length) {
      const i = next++;
      out[i] = await deliver(services, channels, messages[i], opts.tries ?? 3, opts.backoffMs ?? 500);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
  return out;
}

/** Sends earlier failures (and messages a stopped process left pending) again. */
export async function retryFailed(
  services: AppServices,
  opts: RemindOptions = {},
): Promise<RemindMessageResult[]> {
  const channels = opts.channels ?? channelsFrom(services.config.remind);
  try {
    const due = await services.store.reminders.toRetry({
      maxAttempts: MAX_ATTEMPTS,
      staleBefore: new Date(Date.now() - STALE_PENDING_MS).toISOString(),
    });
    return await deliverAll(services, channels, due, opts);
  } finally {
    if (!opts.channels) closeChannels(channels);
  }
}

export async function runReminders(services: AppServices, opts: RemindOptions = {}): Promise<RemindResult> {
  const asOf = opts.asOf ?? services.today();
  const dryRun = opts.dryRun === true;
  const channels = opts.channels ?? (dryRun ? {} : channelsFrom(services.config.remind));
  try {
    const usable = new Set<ContactChannel>(
      dryRun ? CONTACT_CHANNELS : CONTACT_CHANNELS.filter((c) => channels[c] !== undefined),
    );
    // Nothing can go out (no channel configured): nothing to plan or claim.
    if (usable.size === 0) return { asOf, dryRun, messages: [], delivered: 0, failed: 0, retried: 0 };
    const { planned, clusterNames } = await planDay(services, asOf, usable);
    if (dryRun) {
      const messages: RemindMessageResult[] = [];
      for (const m of planned) {
        const keys = m.entries.map((e) => ({ itemId: e.item.id, step: e.step }));
        const sent = await services.store.reminders.claimedKeys(m.recipient, m.channel, keys);
        const fresh = keys.filter((k) => !sent.has(keyOf(k)));
        if (fresh.length)
          messages.push({
            id: null,
            recipient: m.recipientLabel,
            channel: m.channel,
            address: m.address,
            items: fresh.length,
            status: 'planned',
            error: null,
          });
      }
      return { asOf, dryRun, messages, delivered: 0, failed: 0, retried: 0 };
    }
    const retried = await retryFailed(services, { ...opts, channels });
    const stored: ReminderMessage[] = [];
    const claims = planned.map((m) => claimOf(m, asOf, services.config.publicUrl, clusterNames));
    // Claimed in parts so that one transaction never holds the store for long.
    for (let i = 0; i < claims.length; i += 200)
      stored.push(...(await services.store.reminders.claim(claims.slice(i, i + 200))));
    const sent = await deliverAll(services, channels, stored, opts);
    const all = [...retried, ...sent];
    return {
      asOf,
      dryRun,
      messages: all,
      delivered: all.filter((r) => r.status === 'delivered').length,
      failed: all.filter((r) => r.status === 'failed').length,
      retried: retried.length,
    };
  } finally {
    if (!opts.channels) closeChannels(channels);
  }
}
