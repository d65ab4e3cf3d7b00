// `cluster-sync token create --cluster SLUG | --department SLUG | --admin`: the token alone on
// one line of stdout (it is not shown again).
import { parseFlags } from '../args.ts';
import { CliError, type Command } from '../command.ts';
import { writeText } from '../output.ts';
import { withServices } from './with-services.ts';

export const tokenCreate: Command = {
  name: 'token create',
  summary: 'Выпустить токен доступа (показывается один раз)',
  usage: `token create --cluster SLUG | --department SLUG | --admin

Печатает новый токен одной строкой. Сохраните его: он больше не показывается.
  --cluster SLUG       токен кластера: синхронизация и чтение только своего кластера (для надстройки)
  --department SLUG    токен департамента: чтение всех кластеров его региона
  --admin              токен администратора: всё, включая кластеры, источники и токены
  -h, --help           эта справка`,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      cluster: { type: 'string' },
      department: { type: 'string' },
      admin: { type: 'boolean' },
    });
    const chosen = [values.cluster, values.department, values.admin].filter((v) => v !== undefined);
    if (chosen.length !== 1)
      throw new CliError('укажите ровно одно: --cluster SLUG, --department SLUG или --admin');
    const { issueToken } = await import('../../app/admin.ts');
    const issued = await withServices(io, (s) =>
      issueToken(s.store, {
        cluster: values.cluster,
        department: values.department,
        admin: values.admin ? true : undefined,
      }),
    );
    await writeText(io.stdout, `${issued.token}\n`);
  },
};
