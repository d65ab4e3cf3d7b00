// `cluster-sync department set SLUG [--addressee TEXT] [--signer-title TEXT] [--signer-name TEXT]`:
// what the department's reports carry on «Сводка» (the addressee block and the signature).
import { parseFlags } from '../args.ts';
import type { Command } from '../command.ts';
import { writeText } from '../output.ts';
import { checkFlags, withServices } from './with-services.ts';

const FLAGS = { addressee: 'addressee', 'signer-title': 'signerTitle', 'signer-name': 'signerName' } as const;

export const departmentSet: Command = {
  name: 'department set',
  summary: 'Задать адресата и подпись сводного отчёта департамента',
  usage: `department set SLUG [--addressee TEXT] [--signer-title TEXT] [--signer-name TEXT]

Параметры (пустое значение очищает настройку):
  --addressee TEXT      кому адресован отчёт (блок «Кому» на листе «Сводка»)
  --signer-title TEXT   должность подписывающего
  --signer-name TEXT    фамилия и инициалы подписывающего
  -h, --help            эта справка`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        addressee: { type: 'string' },
        'signer-title': { type: 'string' },
        'signer-name': { type: 'string' },
      },
      { positionals: 1 },
    );
    const { DepartmentSettingsSchema, slug } = await import('../../app/admin-inputs.ts');
    const name = await checkFlags(slug, positionals[0], () => 'SLUG');
    const body = Object.fromEntries(
      Object.entries(FLAGS)
        .filter(([flag]) => values[flag as keyof typeof values] !== undefined)
        .map(([flag, key]) => [key, values[flag as keyof typeof values]]),
    );
    const input = await checkFlags(DepartmentSettingsSchema, body);
    const { setDepartmentSettings } = await import('../../app/admin.ts');
    const d = await withServices(io, (s) => setDepartmentSettings(s.store, name, input));
    const show = (v: string | null) => v ?? '—';
    await writeText(
      io.stdout,
      `Департамент «${d.slug}»: адресат ${show(d.settings.addressee)}; подпись ${show(d.settings.signerTitle)} ${show(d.settings.signerName)}\n`,
    );
  },
};
