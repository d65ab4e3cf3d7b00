// `cluster-sync import FILE --cluster SLUG [--sheet NAME] [--document ID]`: a file through the same
// path as a sync.
import { resolve } from 'node:path';
import { parseFlags } from '../args.ts';
import { CliError, type Command } from '../command.ts';
import { writeText } from '../output.ts';
import { withServices } from './with-services.ts';

export const importCommand: Command = {
  name: 'import',
  summary:
    'Загрузить файл (.xlsx, .csv, .txt, .docx, .odt) в хранилище кластера тем же путём, что и синхронизация',
  usage: `import FILE --cluster SLUG [--sheet NAME] [--document ID] [--json]

Повторный импорт того же файла ничего не меняет; изменённые строки попадают в историю. Документ
узнаётся по виду, названию и периоду плана, а не по имени файла: тот же план в другом формате (или
уже синхронизированный из листа) обновляет прежний документ, а не добавляет второй.
  --cluster SLUG    кластер
  --sheet NAME      только этот лист книги .xlsx
  --document ID     обновить этот документ (ID из cluster-sync document list), если его не узнать
                    по названию
  --json            ответ как у POST /api/v1/import
  -h, --help        эта справка`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        cluster: { type: 'string' },
        sheet: { type: 'string' },
        document: { type: 'string' },
        json: { type: 'boolean' },
      },
      { positionals: 1 },
    );
    if (!values.cluster) throw new CliError('не указан --cluster SLUG');
    const cluster = values.cluster;
    const { importFile } = await import('../../app/import-file.ts');
    const { notFound } = await import('../../app/errors.ts');
    const path = resolve(io.cwd, positionals[0]);
    const summary = await withServices(io, async (s) => {
      const found = await s.store.clusters.getBySlug(cluster);
      if (!found)
        throw notFound(`кластер «${cluster}» не найден (зарегистрируйте: cluster-sync cluster add)`);
      return importFile(s, found, path, { sheet: values.sheet, actor: 'cli', document: values.document });
    });
    if (values.json) {
      await writeText(io.stdout, `${JSON.stringify(summary, null, 2)}\n`);
      return;
    }
    await writeText(
      io.stdout,
      `Импортировано в «${cluster}»: мероприятий ${summary.items.length}; новых ${summary.created}, ` +
        `изменено ${summary.changed}, удалено ${summary.removed}, без изменений ${summary.unchanged}, ` +
        `перенесено сроков ${summary.deadlinesMoved}\n` +
        (summary.matches ?? []).map((m) => `${m.message}\n`).join(''),
    );
  },
};
