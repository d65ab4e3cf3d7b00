// `cluster-sync department add SLUG --name NAME --region REGION`.
import { parseFlags } from '../args.ts';
import type { Command } from '../command.ts';
import { writeText } from '../output.ts';
import { checkFlags, withServices } from './with-services.ts';

export const departmentAdd: Command = {
  name: 'department add',
  summary: 'Зарегистрировать департамент — получателя сводного отчёта по региону',
  usage: `department add SLUG --name NAME --region REGION [--email ADDRESS]

Параметры:
  --name NAME        название (например «Министерство образования Калужской области»)
  --region REGION    регион: департамент видит все кластеры этого региона
  --email ADDRESS    почта для еженедельной сводки просроченных пунктов (см. department update)
  -h, --help         эта справка`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { name: { type: 'string' }, region: { type: 'string' }, email: { type: 'string' } },
      { positionals: 1 },
    );
    const { email, ...fields } = values;
    const { CreateDepartmentSchema } = await import('../../app/admin-inputs.ts');
    const input = await checkFlags(CreateDepartmentSchema, { slug: positionals[0], ...fields }, (k) =>
      k === 'slug' ? 'SLUG' : `--${k}`,
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
