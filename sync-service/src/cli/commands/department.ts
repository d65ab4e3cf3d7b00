// `cluster-sync department add SLUG --name NAME --region REGION [--new-region]`, `department list`,
// `department remove SLUG`.
import { parseFlags } from '../args.ts';
import type { Command } from '../command.ts';
import { writeText } from '../output.ts';
import { checkFlags, withServices } from './with-services.ts';

export const departmentAdd: Command = {
  name: 'department add',
  summary: 'Зарегистрировать департамент — получателя сводного отчёта по региону',
  usage: `department add SLUG --name NAME --region REGION [--new-region] [--email ADDRESS]

Параметры:
  --name NAME        название (например «Министерство образования Калужской области»)
  --region REGION    регион: департамент видит все кластеры этого региона
  --new-region       регион новый: зарегистрировать его (иначе регион должен уже быть;
                     похожее имя отклоняется с подсказкой)
  --email ADDRESS    почта для еженедельной сводки просроченных пунктов (см. department update)
  -h, --help         эта справка`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        name: { type: 'string' },
        region: { type: 'string' },
        'new-region': { type: 'boolean' },
        email: { type: 'string' },
      },
      { positionals: 1 },
    );
    const { email } = values;
    const { CreateDepartmentSchema } = await import('../../app/admin-inputs.ts');
    const input = await checkFlags(
      CreateDepartmentSchema,
      {
        slug: positionals[0],
        name: values.name,
        region: values.region,
        newRegion: values['new-region'],
      },
      (k) => (k === 'slug' ? 'SLUG' : k === 'newRegion' ? '--new-region' : `--${k}`),
    );
    const { DepartmentEmailSchema, setDepartmentEmail } = await import('../../app/remind-settings.ts');
    const digest = email === undefined ? undefined : await checkFlags(DepartmentEmailSchema, { email });
    const { addDepartment } = await import('../../app/admin.ts');
    const department = await withServices(io, async (s) => {
      const added = await addDepartment(s.store, input);
      if (digest?.email) await setDepartmentEmail(s.store, added.slug, digest.email);
      return added;
    });
    await writeText(
      io.stdout,
      `Департамент «${department.slug}» зарегистрирован: ${department.name} (${department.region})\n`,
    );
  },
};

export const departmentList: Command = {
  name: 'department list',
  summary: 'Департаменты — получатели сводных отчётов',
  usage: `department list [--json]

Одна строка на департамент, поля через табуляцию: код, название, регион.
  --json        в JSON
  -h, --help    эта справка`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { json: { type: 'boolean' } });
    const departments = await withServices(io, (s) => s.store.departments.list());
    if (values.json) {
      await writeText(io.stdout, `${JSON.stringify({ departments }, null, 2)}\n`);
      return;
    }
    const lines = departments.map((d) => [d.slug, d.name, d.region].join('\t'));
    await writeText(io.stdout, lines.length ? `${lines.join('\n')}\n` : 'Департаментов пока нет\n');
  },
};

export const departmentRemove: Command = {
  name: 'department remove',
  summary: 'Удалить департамент и его токены',
  usage: `department remove SLUG

  -h, --help    эта справка`,
  async run(argv, io) {
    const { positionals } = parseFlags(argv, {}, { positionals: 1 });
    const { removeDepartment } = await import('../../app/lifecycle.ts');
    await withServices(io, (s) => removeDepartment(s.store, positionals[0]));
    await writeText(io.stdout, `Департамент «${positionals[0]}» удалён вместе с его токенами\n`);
  },
};
