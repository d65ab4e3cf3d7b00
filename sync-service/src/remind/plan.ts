// The reminder ladder as a pure plan: given a day, the clusters' settings, contacts, departments and
// the items as of that day, which recipient hears about which item at which step. One planned
// message per recipient and channel; the store then keeps only the (item, step) pairs not yet sent.
import { dayNumber, daysBetween, type ItemState } from '@cluster/shared';
import { executorKey } from '../reports/executors.ts';
import type {
  ClusterRemindSettings,
  ContactChannel,
  ContactWithSecret,
  DepartmentRecipient,
  Locale,
} from '../store/remind-types.ts';

export const DEFAULT_REMIND_DAYS: readonly number[] = [7, 1];
export const DEFAULT_ESCALATE_AFTER_DAYS = 7;

/** What the plan and the message need of an item (its state and due as of the run's day). */
export interface RemindItem {
  id: string;
  clusterId: string;
  region: string;
  number: string;
  title: string;
  documentTitle: string;
  deadlineRaw: string;
  /** Effective due as of the day (ISO), null when there is none. */
  due: string | null;
  state: ItemState;
  executors: readonly string[];
}

export type RecipientKind = 'executor' | 'coordinator' | 'department';

export interface PlannedEntry {
  item: RemindItem;
  /** `before:N`, `overdue`, `escalation`, `digest:YYYY-Www`. */
  step: string;
  /** Due minus the day: negative when overdue. */
  daysLeft: number;
}

export interface PlannedMessage {
  kind: RecipientKind;
  /** `contact:<id>`, `coordinator:<clusterId>`, `department:<id>`. */
  recipient: string;
  recipientLabel: string;
  /** The cluster the message is about; null for a department's digest (a region). */
  clusterId: string | null;
  channel: ContactChannel;
  address: string;
  locale: Locale;
  /** Secret of the contact's unsubscribe link (executors only). */
  unsubscribeSecret: string | null;
  entries: PlannedEntry[];
}

export interface PlanInput {
  /** The run's day, ISO. */
  asOf: string;
  /** ISO weekday (1 = Monday) of the departments' digest. */
  digestWeekday: number;
  clusters: readonly ClusterRemindSettings[];
  contacts: readonly ContactWithSecret[];
  departments: readonly DepartmentRecipient[];
  /** Channels that can send now; addresses on other channels are left out. */
  channels: ReadonlySet<ContactChannel>;
}

/** ISO week of a day, `2026-W49` (the week's Thursday decides the year). */
export function isoWeek(iso: string): string {
  const day = dayNumber(iso);
  const weekday = isoWeekday(iso);
  const thursday = day - weekday + 4;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  const week = Math.floor((thursday - dayNumber(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(iso: string): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(iso) + 3) % 7) + 7) % 7) + 1;
}

/** The executor step of an item on the day, or null: a window per ladder rung, so a missed day still reminds. */
export function executorStep(
  daysLeft: number,
  state: ItemState,
  days: readonly number[],
  escalateAfter: number,
) {
  if (state === 'overdue') return daysLeft < 0 && -daysLeft < escalateAfter ? 'overdue' : null;
  if (state !== 'due_soon' && state !== 'in_progress' && state !== 'upcoming') return null;
  if (daysLeft < 0) return null;
  let rung: number | null = null;
  for (const n of days) if (daysLeft <= n && (rung === null || n < rung)) rung = n;
  return rung === null ? null : `before:${rung}`;
}

const addresses = (c: ContactWithSecret): [ContactChannel, string | null][] => [
  ['email', c.email],
  ['max', c.maxChat],
  ['vkteams', c.vkteamsChat],
];

/** Collects the day's messages; feed every item (any cluster) through `add`, then take `messages()`. */
export class RemindPlanner {
  readonly #input: PlanInput;
  readonly #settings = new Map<string, ClusterRemindSettings>();
  readonly #contacts = new Map<string, Map<string, ContactWithSecret>>();
  readonly #departments = new Map<string, DepartmentRecipient[]>();
  readonly #byRecipient = new Map<string, PlannedMessage>();
  readonly #keys = new Map<string, string>();
  readonly #digest: string | null;

  constructor(input: PlanInput) {
    this.#input = input;
    for (const c of input.clusters) this.#settings.set(c.clusterId, c);
    for (const c of input.contacts) {
      if (c.unsubscribedAt) continue;
      const byKey = this.#contacts.get(c.clusterId) ?? new Map<string, ContactWithSecret>();
      byKey.set(c.executorKey, c);
      this.#contacts.set(c.clusterId, byKey);
    }
    for (const d of input.departments) {
      if (!d.email) continue;
      const list = this.#departments.get(d.region) ?? [];
      list.push(d);
      this.#departments.set(d.region, list);
    }
    this.#digest = isoWeekday(input.asOf) === input.digestWeekday ? `digest:${isoWeek(input.asOf)}` : null;
  }

  #key(name: string): string {
    let key = this.#keys.get(name);
    if (key === undefined) {
      key = executorKey(name);
      this.#keys.set(name, key);
    }
    return key;
  }

  #push(base: Omit<PlannedMessage, 'entries'>, entry: PlannedEntry): void {
    if (!this.#input.channels.has(base.channel)) return;
    const id = `${base.recipient}\u0000${base.channel}\u0000${base.address}`;
    const message = this.#byRecipient.get(id) ?? { ...base, entries: [] };
    message.entries.push(entry);
    this.#byRecipient.set(id, message);
  }

  add(item: RemindItem): void {
    if (item.due === null) return;
    const settings = this.#settings.get(item.clusterId);
    if (!settings) return;
    const daysLeft = daysBetween(this.#input.asOf, item.due);
    const escalateAfter = settings.escalateAfterDays ?? DEFAULT_ESCALATE_AFTER_DAYS;
    const step = executorStep(
      daysLeft,
      item.state,
      settings.remindDays ?? DEFAULT_REMIND_DAYS,
      escalateAfter,
    );
    if (step) {
      const contacts = this.#contacts.get(item.clusterId);
      const seen = new Set<string>();
      for (const name of item.executors) {
        const contact = contacts?.get(this.#key(name));
        if (!contact || seen.has(contact.id)) continue;
        seen.add(contact.id);
        for (const [channel, address] of addresses(contact)) {
          if (!address) continue;
          this.#push(
            {
              kind: 'executor',
              recipient: `contact:${contact.id}`,
              recipientLabel: contact.executor,
              clusterId: item.clusterId,
              channel,
              address,
              locale: contact.locale,
              unsubscribeSecret: contact.unsubscribeSecret,
            },
            { item, step, daysLeft },
          );
        }
      }
    }
    if (item.state === 'overdue' && -daysLeft >= escalateAfter && settings.coordinatorEmail) {
      this.#push(
        {
          kind: 'coordinator',
          recipient: `coordinator:${item.clusterId}`,
          recipientLabel: settings.clusterName,
          clusterId: item.clusterId,
          channel: 'email',
          address: settings.coordinatorEmail,
          locale: 'ru',
          unsubscribeSecret: null,
        },
        { item, step: 'escalation', daysLeft },
      );
    }
    if (this.#digest && item.state === 'overdue') {
      for (const d of this.#departments.get(item.region) ?? []) {
        this.#push(
          {
            kind: 'department',
            recipient: `department:${d.id}`,
            recipientLabel: d.name,
            clusterId: null,
            channel: 'email',
            address: d.email as string,
            locale: 'ru',
            unsubscribeSecret: null,
          },
          { item, step: this.#digest, daysLeft },
        );
      }
    }
  }

  messages(): PlannedMessage[] {
    return [...this.#byRecipient.values()];
  }
}

/** The whole plan for a list of items (tests and small runs). */
export function planReminders(input: PlanInput, items: Iterable<RemindItem>): PlannedMessage[] {
  const planner = new RemindPlanner(input);
  for (const item of items) planner.add(item);
  return planner.messages();
}
