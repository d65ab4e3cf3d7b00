// `cluster-sync contact add|list|remove`: executors' contacts per cluster (the CLI acts as admin).
import { parseFlags } from '../args.ts';
import { CliError, type Command } from '../command.ts';
import { writeText } from '../output.ts';
import { checkFlags, withServices } from './with-services.ts';

const ADMIN = { kind: 'admin', tokenId: 'cli' } as const;

const flagOf = (key: string) => ({ maxChat: '--max-chat', vkteamsChat: '--vkteams-chat' })[key] ?? `--${key}`;

export const contactAdd: Command = {
  name: 'contact add',
  summary: 'Добавить или дополнить контакт исполнителя (почта, чат MAX, чат VK Teams)',
  usage: `contact add --cluster SLUG --executor "TEXT" [--email ADDRESS] [--max-chat ID] [--vkteams-chat ID]
            [--organisation TEXT] [--locale ru|en]

Исполнитель — как он записан в таблицах («Председатель КС», «Пояркова О.Н.»). Нужен хотя бы
один адрес. Повторный вызов для того же исполнителя дополняет или меняет его адреса.

Параметры:
  --cluster SLUG        кластер
  --executor TEXT       исполнитель, как в таблицах
  --email ADDRESS       электронная почта
  --max-chat ID         чат в MAX (chat_id бота)
  --vkteams-chat ID     чат в VK Teams (chatId)
  --organisation TEXT   организация исполнителя
  --locale ru|en        язык напоминаний (по умолчанию ru)
  -h, --help            эта справка`,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      cluster: { type: 'string' },
      executor: { type: 'string' },
      email: { type: 'string' },
      'max-chat': { type: 'string' },
      'vkteams-chat': { type: 'string' },
      organisation: { type: 'string' },
      locale: { type: 'string' },
    });
    const { AddContactSchema, addContact } = await import('../../app/contacts.ts');
    const input = await checkFlags(
      AddContactSchema,
      {
        cluster: values.cluster,
        executor: values.executor,
        email: values.email,
        maxChat: values['max-chat'],
        vkteamsChat: values['vkteams-chat'],
        organisation: values.organisation,
        locale: values.locale,
      },
      flagOf,
    );
    const contact = await withServices(io, (s) => addContact(s.store, ADMIN, input));
    const where = [
      contact.email,
      contact.maxChat && `MAX ${contact.maxChat}`,
      contact.vkteamsChat && `VK Teams ${contact.vkteamsChat}`,
    ]
      .filter(Boolean)
      .join(', ');
    await writeText(io.stdout, `Контакт «${contact.executor}» (${contact.clusterSlug}): ${where}\n`);
  },
};

export const contactList: Command = {
  name: 'contact list',
  summary: 'Контакты исполнителей и исполнители без контактов',
  usage: `contact list [--cluster SLUG] [--json]

Один контакт в строке: КЛАСТЕР<TAB>ИСПОЛНИТЕЛЬ<TAB>ОРГАНИЗАЦИЯ<TAB>ПОЧТА<TAB>MAX<TAB>VK TEAMS<TAB>ОТПИСАН;
затем исполнители из таблиц без контактов (с числом их пунктов).

Параметры:
  --cluster SLUG   только этот кластер
  --json           в JSON: {"contacts":[…],"missing":[{"cluster","executor","items"}]}
  -h, --help       эта справка`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { cluster: { type: 'string' }, json: { type: 'boolean' } });
    const { listContacts } = await import('../../app/contacts.ts');
    const list = await withServices(io, (s) => listContacts(s.store, ADMIN, values.cluster));
    if (values.json) {
      await writeText(io.stdout, `${JSON.stringify(list, null, 2)}\n`);
      return;
    }
    const lines = list.contacts.map((c) =>
      [
        c.clusterSlug,
        c.executor,
        c.organisation ?? '',
        c.email ?? '',
        c.maxChat ?? '',
        c.vkteamsChat ?? '',
        c.unsubscribedAt ? `отписан ${c.unsubscribedAt.slice(0, 10)}` : '',
      ].join('\t'),
    );
    if (!lines.length) lines.push('Контактов пока нет');
    if (list.missing.length) {
      lines.push('', 'Исполнители без контактов:');
      for (const m of list.missing) lines.push(`${m.cluster}\t${m.executor}\t${m.items}`);
    }
    await writeText(io.stdout, `${lines.join('\n')}\n`);
  },
};

export const contactRemove: Command = {
  name: 'contact remove',
  summary: 'Удалить контакт исполнителя',
  usage: `contact remove --cluster SLUG --executor "TEXT"

Параметры:
  --cluster SLUG     кластер
  --executor TEXT    исполнитель, как в таблицах
  -h, --help         эта справка`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { cluster: { type: 'string' }, executor: { type: 'string' } });
    if (!values.cluster) throw new CliError('--cluster: укажите кластер');
    if (!values.executor?.trim()) throw new CliError('--executor: укажите исполнителя');
    const { removeContact } = await import('../../app/contacts.ts');
    const cluster = values.cluster;
    const executor = values.executor;
    await withServices(io, (s) => removeContact(s.store, ADMIN, cluster, executor));
    await writeText(io.stdout, `Контакт «${executor}» кластера «${cluster}» удалён\n`);
  },
};
