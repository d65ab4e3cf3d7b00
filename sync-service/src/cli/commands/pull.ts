// `cluster-sync pull [--source ID]`: read the registered Google sheets now.
import { parseFlags } from '../args.ts';
import { CliError, type Command } from '../command.ts';
import { writeText } from '../output.ts';
import { asCliError, openFromEnv } from './with-services.ts';

export const pull: Command = {
  name: 'pull',
  summary: 'Забрать зарегистрированные листы Google (Sheets API, сервисный аккаунт)',
  usage: `pull [--source ID] [--json]

Читает листы, зарегистрированные командой source add, и синхронизирует их так же, как надстройка.
Ключ сервисного аккаунта — в GOOGLE_APPLICATION_CREDENTIALS.
  --source ID    только этот источник
  --json         результат в JSON
  -h, --help     эта справка`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { source: { type: 'string' }, json: { type: 'boolean' } });
    const { pullSources, PullError } = await import('../../pull/pull.ts');
    const { CredentialsError } = await import('../../pull/sheets-client.ts');
    const services = await openFromEnv(io);
    let results: Awaited<ReturnType<typeof pullSources>>;
    try {
      results = await pullSources(services, { sourceId: values.source });
    } catch (error) {
      if (error instanceof PullError || error instanceof CredentialsError) throw new CliError(error.message);
      throw await asCliError(error);
    } finally {
      await services.store.close();
    }
    if (values.json) await writeText(io.stdout, `${JSON.stringify({ results }, null, 2)}\n`);
    else if (results.length === 0) await writeText(io.stdout, 'Листов Google для забора нет (source add)\n');
    else {
      const lines = results.map((r) =>
        r.ok
          ? `${r.source}: создано ${r.created}, изменено ${r.changed}, удалено ${r.removed}`
          : `${r.source}: ошибка — ${r.error}`,
      );
      await writeText(io.stdout, `${lines.join('\n')}\n`);
    }
    const failed = results.filter((r) => !r.ok);
    if (failed.length > 0) {
      throw new CliError(`не удалось забрать ${failed.length} из ${results.length}: ${failed[0].error}`);
    }
  },
};
