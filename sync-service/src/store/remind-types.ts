// Records of the reminders: executors' contacts, a cluster's reminder ladder, the messages sent
// (with the items, recipients and steps they covered) and calendar feeds.

export const CONTACT_CHANNELS = ['email', 'max', 'vkteams'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export type Locale = 'ru' | 'en';

export interface Contact {
  id: string;
  clusterId: string;
  clusterSlug: string;
  /** The executor as written in the tables. */
  executor: string;
  /** Key under which spellings of the executor meet (reports/executors.ts executorKey). */
  executorKey: string;
  organisation: string | null;
  email: string | null;
  maxChat: string | null;
  vkteamsChat: string | null;
  locale: Locale;
  unsubscribedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A contact with the secret of its unsubscribe link (only for composing messages). */
export interface ContactWithSecret extends Contact {
  unsubscribeSecret: string;
}

export interface ContactInput {
  executor: string;
  executorKey: string;
  organisation?: string | null;
  email?: string | null;
  maxChat?: string | null;
  vkteamsChat?: string | null;
  locale?: Locale;
}

/** A cluster's reminder ladder; null = the default. */
export interface ClusterRemindSettings {
  clusterId: string;
  clusterSlug: string;
  clusterName: string;
  region: string;
  coordinatorEmail: string | null;
  remindDays: number[] | null;
  escalateAfterDays: number | null;
}

export interface RemindSettingsPatch {
  coordinatorEmail?: string | null;
  remindDays?: number[] | null;
  escalateAfterDays?: number | null;
}

export interface DepartmentRecipient {
  id: string;
  slug: string;
  name: string;
  region: string;
  email: string | null;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One (item, step) a message covers. */
export interface ReminderKey {
  itemId: string;
  step: string;
}

/** A message planned for one recipient on one channel; composed once the store says which keys are new. */
export interface MessageClaim {
  runDate: string;
  clusterId: string | null;
  /** Who: `contact:<id>`, `coordinator:<clusterId>`, `department:<id>`. */
  recipient: string;
  recipientLabel: string;
  channel: ContactChannel;
  address: string;
  keys: ReminderKey[];
  compose(fresh: ReminderKey[]): { subject: string; body: string };
}

export interface ReminderMessage {
  id: string;
  runDate: string;
  clusterId: string | null;
  clusterSlug: string | null;
  recipient: string;
  recipientLabel: string;
  channel: ContactChannel;
  address: string;
  subject: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
  /** How many (item, step) pairs it covers. */
  items: number;
}

/** A reminder as an item's history shows it. */
export interface ItemReminder {
  messageId: string;
  step: string;
  channel: ContactChannel;
  recipientLabel: string;
  address: string;
  status: DeliveryStatus;
  error: string | null;
  attempts: number;
  createdAt: string;
  deliveredAt: string | null;
  updatedAt: string;
}

export interface CalendarFeed {
  id: string;
  clusterId: string;
  clusterSlug: string;
  executor: string | null;
  createdAt: string;
  revokedAt: string | null;
}
