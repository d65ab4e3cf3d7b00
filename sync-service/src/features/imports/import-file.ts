// A file (.xlsx, .csv, .txt, .docx, .odt) → the file readers (in a worker thread, within its
// budget) → the sync path. Used by POST /import, the `import` command and the demo.
import type { SyncSummary } from '@cluster/shared';
import { FileReadError, httpStatusOf } from '../../files/errors.ts';
import type { FileDocuments, FileSource } from '../../files/read-file.ts';
import { readDocumentsInWorker } from '../../files/read-worker.ts';
import { HttpError } from '../../http/errors.ts';
import type { AppServices } from '../../services.ts';
import type { Cluster } from '../../store/types.ts';
import { applyDocuments, noTable } from '../sync/ingest.ts';

export async function importFile(
  services: AppServices,
  cluster: Pick<Cluster, 'slug'>,
  file: FileSource,
  { sheet, actor }: { sheet?: string; actor: string },
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
      throw new HttpError(httpStatusOf(error), `file_${error.code}`, error.message);
    }
    throw error;
  }
  if (read.documents.length === 0) throw noTable(`Файл ${read.name}`);
  // One sheet's grid gives each item its original cells (rows of several sheets would collide).
  const cells: SnapshotCells = read.sheets.length === 1 ? read.sheets[0].grid : undefined;
  const fileName = sheet ? `${read.name}#${sheet}` : read.name;
  return applyDocuments(services, {
    cluster: cluster.slug,
    source: { kind: 'file', fileName },
    title: read.name.replace(/\.[^.]+$/, ''),
    documents: read.documents,
    cells,
    actor,
    revision: null,
  });
}

type SnapshotCells = import('../../store/types.ts').SnapshotInput['cells'];
