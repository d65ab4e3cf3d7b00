// `cluster-sync document list [--cluster SLUG] [--archived]`, `document archive ID`,
// `document unarchive ID`.
import { minuteInTimeZone } from '@cluster/shared';
import type { DocumentRecord } from '../../store/types.ts';
import { parseFlags } from '../args.ts';
import type { Command } from '../command.ts';
import { writeText } from '../output.ts';
import { oneLine } from '../table.ts';
import { withServices } from './with-services.ts';

/** ID, cluster, kind, title, plan period, items, last sync: tab-separated, one line. */
export function documentLine(d: DocumentRecord, timeZone: string): string {
  return [
    d.id,
    d.clusterSlug,
    d.kind,
    oneLine(d.title),
    d.period ? `${d.period.start}..${d.period.end}` : '-',
    String(d.itemCount),
    d.lastSyncAt ? minuteInTimeZone(new Date(d.lastSyncAt), timeZone) : '-',
  ].join('\t');
}

export const documentList: Command = {
  name: 'document list',
  summary: 'Документы кластеров: id, кластер, вид, название, период, мероприятий, последняя синхронизация',
  usage: `document list [--cluster SLUG] [--archived] [--json]

Одна строка на документ, поля через табуляцию: ID, кластер, вид, название, период плана
(НАЧАЛО..КОНЕЦ или -), мероприятий, последняя синхронизация или импорт (ГГГГ-ММ-ДД ЧЧ:ММ, APP_TIME_ZONE).
  --cluster SLUG    только этого кластера
  --archived        архивные документы (без него — текущие)
  --json            в JSON
  -h, --help        эта справка`,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      cluster: { type: 'string' },
      archived: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const { listDocuments } = await import('../../app/lifecycle.ts');
    const { documents, timeZone } = await withServices(io, async (s) => ({
      documents: await listDocuments(s.store, { cluster: values.cluster, archived: values.archived }),
      timeZone: s.config.timeZone,
    }));
    if (values.json) {
      await writeText(io.stdout, `${JSON.stringify({ documents }, null, 2)}\n`);
      return;
    }
    const lines = documents.map((d) => documentLine(d, timeZone));
    const none = values.archived ? 'Архивных документов нет\n' : 'Документов пока нет\n';
    await writeText(io.stdout, lines.length ? `${lines.join('\n')}\n` : none);
  },
};

function archiveCommand(archived: boolean): Command {
  const name = archived ? 'document archive' : 'document unarchive';
  return {
    name,
    summary: archived
      ? 'Убрать документ в архив: он уходит из текущих списков, счётчиков и отчётов, история остаётся'
      : 'Вернуть документ из архива',
    usage: `${name} ID

ID — первое поле строки cluster-sync document list${archived ? '' : ' --archived'}.
  -h, --help    эта справка`,
    async run(argv, io) {
      const { positionals } = parseFlags(argv, {}, { positionals: 1 });
      const { setDocumentArchived } = await import('../../app/lifecycle.ts');
      const { document, changed } = await withServices(io, (s) =>
        setDocumentArchived(s.store, positionals[0], archived),
      );
      const what = `Документ «${oneLine(document.title)}» (${document.clusterSlug})`;
      const text = archived
        ? changed
          ? `${what} убран в архив; вернуть: cluster-sync document unarchive ${document.id}`
          : `${what} уже в архиве`
        : changed
          ? `${what} возвращён из архива`
          : `${what} и так не в архиве`;
      await writeText(io.stdout, `${text}\n`);
    },
  };
}

export const documentArchive = archiveCommand(true);
export const documentUnarchive = archiveCommand(false);
