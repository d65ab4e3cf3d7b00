// `cluster-sync remind [--as-of DATE] [--dry-run]`: the day's reminders, sent once per item,
// person and step (SMTP_URL / MAIL_FROM, MAX_BOT_TOKEN, VKTEAMS_BOT_TOKEN); earlier failures again.
import { parseDateFlag, parseFlags } from '../args.ts';
import type { Command } from '../command.ts';
import { writeText } from '../output.ts';
import { withServices } from './with-services.ts';

export const remind: Command = {
  name: 'remind',
  summary: 'Разослать напоминания о сроках за день (каждое — один раз)',
  usage: `remind [--as-of ГГГГ-ММ-ДД] [--dry-run] [--json]

Лестница напоминаний кластера: за N дней до срока (по умолчанию 7 и 1), в день, когда пункт стал
просроченным, координатору — после M дней просрочки (по умолчанию 7), департаменту — еженедельная
сводка просроченных пунктов региона. Каждое напоминание уходит один раз на пункт, адресата и шаг;
неудачные отправки повторяются (и при следующем запуске).
Каналы: SMTP_URL и MAIL_FROM (почта), MAX_BOT_TOKEN (MAX), VKTEAMS_BOT_TOKEN (VK Teams).

Одно сообщение в строке: СТАТУС<TAB>КАНАЛ<TAB>АДРЕС<TAB>АДРЕСАТ<TAB>ПУНКТОВ<TAB>ОШИБКА.
Код выхода 1, если что-то не удалось отправить.

Параметры:
  --as-of ГГГГ-ММ-ДД   день рассылки (по умолчанию сегодня в APP_TIME_ZONE)
  --dry-run            только показать, что ушло бы; ничего не отправлять и не записывать
  --json               в JSON
  -h, --help           эта справка`,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      'as-of': { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const asOf = values['as-of'] === undefined ? undefined : parseDateFlag(values['as-of'], '--as-of');
    const { runReminders } = await import('../../app/remind.ts');
    const result = await withServices(io, (s) => runReminders(s, { asOf, dryRun: values['dry-run'] }));
    if (values.json) await writeText(io.stdout, `${JSON.stringify(result, null, 2)}\n`);
    else {
      const words = { planned: 'будет', delivered: 'отправлено', failed: 'ошибка' } as const;
      const lines = result.messages.map((m) =>
        [words[m.status], m.channel, m.address, m.recipient, m.items, m.error ?? ''].join('\t'),
      );
      lines.push(
        result.dryRun
          ? `Проверка на ${result.asOf}: сообщений к отправке ${result.messages.length}`
          : `Напоминания на ${result.asOf}: отправлено ${result.delivered}, не удалось ${result.failed}`,
      );
      await writeText(io.stdout, `${lines.join('\n')}\n`);
    }
    return result.failed > 0 ? 1 : 0;
  },
};

export const clusterUpdate: Command = {
  name: 'cluster update',
  summary: 'Настроить напоминания кластера: координатор, дни до срока, эскалация',
  usage: `cluster update SLUG [--coordinator-email ADDRESS] [--remind-days 7,1] [--escalate-after N]

Параметры:
  --coordinator-email ADDRESS   почта координатора: ему уходят пункты, просроченные дольше N дней
                                (пустая строка — не отправлять)
  --remind-days 7,1             за сколько дней до срока напоминать исполнителям
  --escalate-after N            через сколько дней просрочки сообщать координатору (по умолчанию 7)
  -h, --help                    эта справка`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        'coordinator-email': { type: 'string' },
        'remind-days': { type: 'string' },
        'escalate-after': { type: 'string' },
      },
      { positionals: 1 },
    );
    const { RemindSettingsSchema, daysList, updateRemindSettings } = await import(
      '../../app/remind-settings.ts'
    );
    const { checkFlags } = await import('./with-services.ts');
    const input = await checkFlags(
      RemindSettingsSchema,
      {
        coordinatorEmail: values['coordinator-email'],
        remindDays: daysList(values['remind-days']),
        escalateAfterDays:
          values['escalate-after'] === undefined ? undefined : Number(values['escalate-after']),
      },
      (k) =>
        ({
          coordinatorEmail: '--coordinator-email',
          remindDays: '--remind-days',
          escalateAfterDays: '--escalate-after',
        })[k] ?? k,
    );
    const s = await withServices(io, (sv) => updateRemindSettings(sv.store, positionals[0], input));
    await writeText(
      io.stdout,
      `Кластер «${s.clusterSlug}»: координатор ${s.coordinatorEmail ?? '—'}, напоминания за ${(s.remindDays ?? [7, 1]).join(', ')} дн., ` +
        `эскалация после ${s.escalateAfterDays ?? 7} дн. просрочки\n`,
    );
  },
};

export const departmentUpdate: Command = {
  name: 'department update',
  summary: 'Почта департамента для еженедельной сводки просроченных пунктов',
  usage: `department update SLUG --email ADDRESS

Параметры:
  --email ADDRESS   куда отправлять сводку (пустая строка — не отправлять)
  -h, --help        эта справка`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { email: { type: 'string' } }, { positionals: 1 });
    const { DepartmentEmailSchema, setDepartmentEmail } = await import('../../app/remind-settings.ts');
    const { checkFlags } = await import('./with-services.ts');
    const input = await checkFlags(DepartmentEmailSchema, { email: values.email });
    await withServices(io, (s) => setDepartmentEmail(s.store, positionals[0], input.email));
    await writeText(io.stdout, `Департамент «${positionals[0]}»: сводка на ${input.email || '—'}\n`);
  },
};
