// What an administrator does with what is registered: list documents, archive a finished or wrong
// one (it leaves current lists, counts and reports and keeps its history), bring it back; remove a
// cluster, a source or a department. Errors are AppErrors; the CLI and the HTTP API only translate.
import type { Store } from '../store/api.ts';
import type { DocumentRecord, RemoveOutcome } from '../store/types.ts';
import { AppError, notFound } from './errors.ts';

export interface DocumentListOptions {
  cluster?: string;
  /** Only the archived documents (otherwise only the current ones). */
  archived?: boolean;
}

export async function listDocuments(
  store: Store,
  options: DocumentListOptions = {},
): Promise<DocumentRecord[]> {
  if (options.cluster && !(await store.clusters.getBySlug(options.cluster))) {
    throw notFound(`Кластер «${options.cluster}» не найден`);
  }
  return store.documents.list({
    clusterSlugs: options.cluster ? [options.cluster] : undefined,
    archived: options.archived ? 'only' : 'exclude',
  });
}

async function documentOrThrow(store: Store, id: string): Promise<DocumentRecord> {
  const document = await store.documents.getById(id);
  if (!document) throw notFound(`Документ ${id} не найден (список: cluster-sync document list)`);
  return document;
}

/** Archives or brings back a document; `changed` is false when it already was so. */
export async function setDocumentArchived(
  store: Store,
  id: string,
  archived: boolean,
): Promise<{ document: DocumentRecord; changed: boolean }> {
  await documentOrThrow(store, id);
  const changed = await store.documents.setArchived(id, archived);
  return { document: await documentOrThrow(store, id), changed };
}

const documentsWord = (n: number) =>
  n % 10 === 1 && n % 100 !== 11
    ? 'документ'
    : [2, 3, 4].includes(n % 10) && ![12, 13, 14].includes(n % 100)
      ? 'документа'
      : 'документов';

function refuseWithDocuments(what: string, outcome: RemoveOutcome): void {
  if (outcome.removed) return;
  throw new AppError(
    'conflict',
    `${what}: ${outcome.documents} ${documentsWord(outcome.documents)}. Удалить вместе с ними (и с их историей) — ` +
      '--with-documents (в API: withDocuments=true); убрать из текущих списков, сохранив, — document archive ID',
    { reason: 'has_documents' },
  );
}

export async function removeCluster(
  store: Store,
  slug: string,
  { withDocuments = false } = {},
): Promise<RemoveOutcome> {
  const cluster = await store.clusters.getBySlug(slug);
  if (!cluster) throw notFound(`Кластер «${slug}» не найден`);
  const outcome = await store.clusters.remove(cluster.id, { withDocuments });
  refuseWithDocuments(`У кластера «${slug}»`, outcome);
  return outcome;
}

export async function removeSource(
  store: Store,
  id: string,
  { withDocuments = false } = {},
): Promise<RemoveOutcome> {
  if (!(await store.sources.getById(id)))
    throw notFound(`Источник ${id} не найден (список: cluster-sync source list)`);
  const outcome = await store.sources.remove(id, { withDocuments });
  refuseWithDocuments(`В источнике ${id}`, outcome);
  return outcome;
}

export async function removeDepartment(store: Store, slug: string): Promise<void> {
  const department = await store.departments.getBySlug(slug);
  if (!department || !(await store.departments.remove(department.id))) {
    throw notFound(`Департамент «${slug}» не найден`);
  }
}
