// `cluster-sync source add --cluster SLUG --spreadsheet ID --sheet-id N` registers a Google sheet
// for `pull`; `source list` shows the sources; `source remove ID` removes one.
import { parseFlags } from '../args.ts';
import { CliError, type Command } from '../command.ts';
import { writeText } from '../output.ts';
import { removalCommand } from './removal.ts';
import { checkFlags, withServices } from './with-services.ts';

/** Accepts the id or the whole address of the spreadsheet (…/d/ID/edit#gid=N). */
export function spreadsheetIdOf(text: string): { id: string; gid?: number } {
  const m = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(text);
  if (!m) return { id: text };
  const gid = /[#&?]gid=(\d+)/.exec(text);
  return { id: m[1], gid: gid ? Number(gid[1]) : undefined };
}

export const sourceAdd: Command = {
  name: 'source add',
  summary: 'Зарегистрировать лист Google для забора сервисом (pull)',
  usage: `source add --cluster SLUG --spreadsheet ID [--sheet-id N]

Лист должен быть открыт для чтения сервисному аккаунту (его e-mail — client_email в ключе
GOOGLE_APPLICATION_CREDENTIALS).
  --cluster SLUG       кластер, чьи данные в листе
  --spreadsheet ID     идентификатор таблицы Google или её адрес целиком
  --sheet-id N         id листа (gid в адресе; по умолчанию 0 — первый лист)
  -h, --help           эта справка`,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      cluster: { type: 'string' },
      spreadsheet: { type: 'string' },
      'sheet-id': { type: 'string' },
    });
    if (values.spreadsheet === undefined) throw new CliError('не указан --spreadsheet');
    const { id, gid } = spreadsheetIdOf(values.spreadsheet);
    const rawSheet = values['sheet-id'];
    if (rawSheet !== undefined && !/^\d+$/.test(rawSheet)) {
      throw new CliError(`--sheet-id: нужно целое число (gid листа), получено «${rawSheet}»`);
    }
    const { CreateSourceSchema } = await import('../../app/admin-inputs.ts');
    const input = await checkFlags(
      CreateSourceSchema,
      {
        cluster: values.cluster,
        spreadsheetId: id,
        sheetId: rawSheet !== undefined ? Number(rawSheet) : (gid ?? 0),
      },
      (k) => ({ cluster: '--cluster', spreadsheetId: '--spreadsheet', sheetId: '--sheet-id' })[k] ?? k,
    );
    const { addSource } = await import('../../app/admin.ts');
    const source = await withServices(io, (s) => addSource(s.store, input));
    await writeText(
      io.stdout,
      `Источник ${source.id} зарегистрирован: таблица ${input.spreadsheetId}, лист id ${input.sheetId}, кластер «${source.clusterSlug}»\n` +
        `Забрать сейчас: cluster-sync pull --source ${source.id}\n`,
    );
  },
};

export const sourceList: Command = {
  name: 'source list',
  summary: 'Источники данных (листы Google и импортированные файлы)',
  usage: `source list [--json]

  --json        в JSON
  -h, --help    эта справка`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { json: { type: 'boolean' } });
    const sources = await withServices(io, (s) => s.store.sources.list());
    if (values.json) {
      await writeText(io.stdout, `${JSON.stringify({ sources }, null, 2)}\n`);
      return;
    }
    const lines = sources.map((s) =>
      [
        s.id,
        s.clusterSlug,
        s.kind === 'sheet'
          ? `${s.spreadsheetId}#${s.sheetId}${s.sheetName ? ` «${s.sheetName}»` : ''}`
          : s.fileName,
        s.lastSyncAt ?? 'ещё не синхронизирован',
      ].join('\t'),
    );
    await writeText(io.stdout, lines.length ? `${lines.join('\n')}\n` : 'Источников пока нет\n');
  },
};

export const sourceRemove = removalCommand({
  name: 'source remove',
  summary: 'Удалить источник (пока в нём есть документы — только с --with-documents)',
  usage: `source remove ID [--with-documents]

ID — первое поле строки cluster-sync source list. Пока в источнике есть документы, отказывает.`,
  remove: async (store, id, withDocuments) =>
    (await import('../../app/lifecycle.ts')).removeSource(store, id, { withDocuments }),
  done: (id) => `Источник ${id} удалён`,
});
