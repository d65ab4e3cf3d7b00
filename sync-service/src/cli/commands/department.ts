// `cluster-sync department add SLUG --name NAME --region REGION`.
import { parseFlags } from '../args.ts';
import type { Command } from '../command.ts';
import { writeText } from '../output.ts';
import { checkFlags, withServices } from './with-services.ts';

export const departmentAdd: Command = {
  name: 'department add',
  summary: 'Зарегистрировать департамент — получателя сводного отчёта по региону',
  usage: `department add SLUG --name NAME --region REGION [--new-region]

Параметры:
  --name NAME        название (например «Министерство образования Калужской области»)
  --region REGION    регион: департамент видит все кластеры этого региона
  --new-region       регион новый: зарегистрировать его (иначе регион должен уже быть;
                     похожее имя отклоняется с подсказкой)
  -h, --help         эта справка`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { name: { type: 'string' }, region: { type: 'string' }, 'new-region': { type: 'boolean' } },
      { positionals: 1 },
    );
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
    const { addDepartment } = await import('../../app/admin.ts');
    const department = await withServices(io, (s) => addDepartment(s.store, input));
    await writeText(
      io.stdout,
      `Департамент «${department.slug}» зарегистрирован: ${department.name} (${department.region})\n`,
    );
  },
};
