// Contacts of executors per cluster: who an executor as written in the tables is, and where to
// remind them. Readable only by the cluster itself and the admin (not by departments): they are
// personal data. Also the executors found in the tables without a contact.
import * as z from 'zod';
import { executorDisplay, executorKey } from '../reports/executors.ts';
import type { Store } from '../store/api.ts';
import type { Contact, ContactInput } from '../store/remind-types.ts';
import { publicContact } from '../store/reminders.ts';
import { type ClusterRef, clusterFor, type Principal } from './access.ts';
import { slug } from './admin-inputs.ts';
import { forbidden, invalid, notFound } from './errors.ts';

const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(max).optional(),
  );

const email = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.email('адрес электронной почты вида name@example.ru').optional(),
);
const chatId = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'number' ? String(v) : v),
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9@._:+-]{1,200}$/, 'идентификатор чата: буквы, цифры, @ . _ : + -')
    .optional(),
);

export const ContactFieldsSchema = z.object({
  executor: z.string().trim().min(1, 'не может быть пустым').max(500),
  organisation: optionalText(500),
  email,
  maxChat: chatId,
  vkteamsChat: chatId,
  locale: z.enum(['ru', 'en']).optional(),
});

export const AddContactSchema = ContactFieldsSchema.extend({ cluster: slug }).refine(
  (c) => c.email || c.maxChat || c.vkteamsChat,
  { message: 'нужен хотя бы один адрес: email, maxChat или vkteamsChat' },
);

/** The «Контакты исполнителей» sheet: its rows after the header. */
export const ContactsSheetSchema = z.object({
  cluster: slug,
  contacts: z.array(ContactFieldsSchema).max(5000),
});

/** Only the cluster itself or the admin may see or change its contacts. */
export async function contactCluster(
  store: Pick<Store, 'clusters'>,
  p: Principal,
  clusterSlug: string,
): Promise<ClusterRef & { name: string }> {
  if (p.kind === 'department')
    throw forbidden('Контакты исполнителей видны только кластеру и администратору');
  return clusterFor({ store }, p, clusterSlug, 'write');
}

function inputOf(c: z.infer<typeof ContactFieldsSchema>): ContactInput {
  return {
    executor: executorDisplay(c.executor),
    executorKey: executorKey(c.executor),
    organisation: c.organisation ?? null,
    email: c.email ?? null,
    maxChat: c.maxChat ?? null,
    vkteamsChat: c.vkteamsChat ?? null,
    locale: c.locale,
  };
}

export async function addContact(store: Store, p: Principal, input: z.infer<typeof AddContactSchema>) {
  const cluster = await contactCluster(store, p, input.cluster);
  return publicContact(await store.contacts.upsert(cluster.id, inputOf(input)));
}

export async function removeContact(store: Store, p: Principal, clusterSlug: string, executor: string) {
  const cluster = await contactCluster(store, p, clusterSlug);
  if (!(await store.contacts.remove(cluster.id, executorKey(executor))))
    throw notFound(`У кластера «${clusterSlug}» нет контакта «${executor}»`);
}

export async function replaceContacts(
  store: Store,
  p: Principal,
  input: z.infer<typeof ContactsSheetSchema>,
) {
  const cluster = await contactCluster(store, p, input.cluster);
  const details = input.contacts.flatMap((c, i) =>
    c.email || c.maxChat || c.vkteamsChat
      ? []
      : [{ path: `contacts.${i}`, row: i + 2, message: `«${c.executor}»: нет ни одного адреса` }],
  );
  if (details.length) throw invalid('В листе «Контакты исполнителей» есть строки без адреса', details);
  return store.contacts.replaceAll(cluster.id, input.contacts.map(inputOf));
}

export interface MissingExecutor {
  cluster: string;
  executor: string;
  items: number;
}

export interface ContactList {
  contacts: Contact[];
  /** Executors of the cluster's items that have no contact, most items first. */
  missing: MissingExecutor[];
}

export async function listContacts(store: Store, p: Principal, clusterSlug?: string): Promise<ContactList> {
  let clusters: { id: string; slug: string }[];
  if (clusterSlug) clusters = [await contactCluster(store, p, clusterSlug)];
  else if (p.kind === 'admin') clusters = await store.clusters.list();
  else if (p.kind === 'cluster') clusters = [{ id: p.clusterId, slug: p.clusterSlug }];
  else throw forbidden('Контакты исполнителей видны только кластеру и администратору');
  const contacts = await store.contacts.list({ clusterIds: clusters.map((c) => c.id) });
  const known = new Set(contacts.map((c) => `${c.clusterId}\u0000${c.executorKey}`));
  const missing = new Map<string, MissingExecutor>();
  for await (const batch of store.items.iterate({ clusterSlugs: clusters.map((c) => c.slug) }, 2000)) {
    for (const item of batch) {
      for (const name of item.executors) {
        const key = executorKey(name);
        if (!key || known.has(`${item.clusterId}\u0000${key}`)) continue;
        const at = `${item.clusterSlug}\u0000${key}`;
        const entry = missing.get(at) ?? {
          cluster: item.clusterSlug,
          executor: executorDisplay(name),
          items: 0,
        };
        entry.items++;
        missing.set(at, entry);
      }
    }
  }
  return {
    contacts: contacts.map(publicContact),
    missing: [...missing.values()].sort(
      (a, b) => b.items - a.items || a.executor.localeCompare(b.executor, 'ru'),
    ),
  };
}
