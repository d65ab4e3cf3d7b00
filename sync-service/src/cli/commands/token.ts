// `cluster-sync token create --cluster SLUG | --department SLUG | --admin [--expires DATE]`: the
// token alone on one line of stdout (it is not shown again). `token list`: one token a line,
// newest last, ID<TAB>KIND<TAB>SCOPE<TAB>CREATED<TAB>LAST-USED, never the secret. `token revoke ID`:
// ends it (and its dashboard sessions) at once; an unknown id is one line on stderr, exit 2.
import { parseFlags } from '../args.ts';
import { CliError, type Command } from '../command.ts';
import { writeText } from '../output.ts';
import { withServices } from './with-services.ts';

export const tokenCreate: Command = {
  name: 'token create',
  summary: 'Выпустить токен доступа (показывается один раз)',
  usage: `token create --cluster SLUG | --department SLUG | --admin [--expires ДАТА]

Печатает новый токен одной строкой. Сохраните его: он больше не показывается.
  --cluster SLUG       токен кластера: синхронизация и чтение только своего кластера (для надстройки)
  --department SLUG    токен департамента: чтение всех кластеров его региона
  --admin              токен администратора: всё, включая кластеры, источники и токены
  --expires ДАТА       последний день действия (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД); без него бессрочный
  -h, --help           эта справка`,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      cluster: { type: 'string' },
      department: { type: 'string' },
      admin: { type: 'boolean' },
      expires: { type: 'string' },
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
        expires: values.expires,
      }),
    );
    await writeText(io.stdout, `${issued.token}\n`);
  },
};

export const tokenList: Command = {
  name: 'token list',
  summary: 'Действующие токены, новые в конце (без секретов)',
  usage: `token list

Одна строка на токен: ID<TAB>ВИД<TAB>ОБЛАСТЬ<TAB>СОЗДАН<TAB>ПОСЛЕДНЕЕ-ИСПОЛЬЗОВАНИЕ.
ОБЛАСТЬ — кластер или департамент (slug), * у токена администратора; «-» — ещё не использовался.
  -h, --help    эта справка`,
  async run(argv, io) {
    parseFlags(argv, {});
    const { listTokens } = await import('../../app/admin.ts');
    const tokens = await withServices(io, (s) => listTokens(s.store));
    const lines = tokens.map((t) => [t.id, t.kind, t.scope, t.createdAt, t.lastUsedAt ?? '-'].join('\t'));
    await writeText(io.stdout, lines.length ? `${lines.join('\n')}\n` : '');
  },
};

export const tokenRevoke: Command = {
  name: 'token revoke',
  summary: 'Отозвать токен: он и его сеансы дашборда перестают действовать сразу',
  usage: `token revoke ID

ID — из token list. Неизвестный ID: одна строка в stderr, код выхода 2.
  -h, --help    эта справка`,
  async run(argv, io) {
    const { positionals } = parseFlags(argv, {}, { positionals: 1 });
    const { revokeToken } = await import('../../app/admin.ts');
    await withServices(io, (s) => revokeToken(s.store, positionals[0]));
  },
};
