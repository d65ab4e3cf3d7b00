// A file (.xlsx, .csv, .txt, .docx, .odt) → the file readers (in a child process, within its
// budget) → the sync path. Used by POST /import, the `import` command and the demo.
import type { SyncSummary } from '@cluster/shared';
import { FileReadError } from '../files/errors.ts';
import type { FileDocuments, FileSource } from '../files/read-file.ts';
import { readDocumentsInWorker } from '../files/read-worker.ts';
import type { AppServices } from '../services.ts';
import type { Cluster, SnapshotInput } from '../store/types.ts';
import { AppError } from './errors.ts';
import { applyDocuments, noTable } from './sync-sheet.ts';

/** Reading failures that are not «the file cannot be read» (422). */
const FILE_ERRORS = { unsupported: 'unsupported', not_found: 'not_found', too_large: 'too_large' } as const;

export async function importFile(
  services: AppServices,
  cluster: Pick<Cluster, 'slug'>,
  file: FileSource,
  { sheet, actor, document }: { sheet?: string; actor: string; document?: string },
): Promise<SyncSummary> {
  let read: FileDocuments;
  try {
    read = await readDocumentsInWorker(file, {
      sheet,
      today: services.today(),
      soonDays: services.config.soonDays,
    });
  } catch (error) {
    if (error instanceof FileReadError) {
      const code = FILE_ERRORS[error.code as keyof typeof FILE_ERRORS] ?? 'unreadable';
      throw new AppError(code, error.message, { reason: `file_${error.code}` });
    }
    throw error;
  }
  if (read.documents.length === 0) throw noTable(`Файл ${read.name}`);
  // One sheet's grid gives each item its original cells (rows of several sheets would collide).
  const cells: SnapshotInput['cells'] = read.sheets.length === 1 ? read.sheets[0].grid : undefined;
  const fileName = sheet ? `${read.name}#${sheet}` : read.name;
  return applyDocuments(services, {
    cluster: cluster.slug,
    source: { kind: 'file', fileName },
    title: read.name.replace(/\.[^.]+$/, ''),
    documents: read.documents,
    cells,
    actor,
    revision: null,
    documentId: document ?? null,
  });
}
