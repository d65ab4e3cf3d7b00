// `cluster-sync cluster add SLUG --name NAME --region REGION [--new-region] [--industry TEXT]`, `cluster list`.
import { parseFlags } from '../args.ts';
import type { Command } from '../command.ts';
import { writeText } from '../output.ts';
import { removalCommand } from './removal.ts';
import { checkFlags, withServices } from './with-services.ts';

export const clusterAdd: Command = {
  name: 'cluster add',
  summary: 'Зарегистрировать кластер',
  usage: `cluster add SLUG --name NAME --region REGION [--industry TEXT] [--coordinator-email ADDRESS]

SLUG — короткое имя латиницей (например kaluga-mash): так кластер указывают в синхронизации.

Параметры:
  --name NAME        название кластера
  --region REGION    регион (по нему департамент получает сводный отчёт)
  --new-region       регион новый: зарегистрировать его (иначе регион должен уже быть;
                     похожее имя отклоняется с подсказкой)
  --industry TEXT    отрасль (необязательно)
  --coordinator-email ADDRESS   почта координатора для эскалации просрочек (см. cluster update)
  -h, --help         эта справка`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        name: { type: 'string' },
        region: { type: 'string' },
        industry: { type: 'string' },
        'new-region': { type: 'boolean' },
        'coordinator-email': { type: 'string' },
      },
      { positionals: 1 },
    );
    const coordinatorEmail = values['coordinator-email'];
    const { CreateClusterSchema } = await import('../../app/admin-inputs.ts');
    const input = await checkFlags(
      CreateClusterSchema,
      {
        slug: positionals[0],
        name: values.name,
        region: values.region,
        newRegion: values['new-region'],
        industry: values.industry,
      },
      (k) => (k === 'slug' ? 'SLUG' : k === 'newRegion' ? '--new-region' : `--${k}`),
    );
    const { RemindSettingsSchema, updateRemindSettings } = await import('../../app/remind-settings.ts');
    const settings = await checkFlags(
      RemindSettingsSchema,
      { coordinatorEmail },
      () => '--coordinator-email',
    );
    const { addCluster } = await import('../../app/admin.ts');
    const cluster = await withServices(io, async (s) => {
      const added = await addCluster(s.store, input);
      if (settings.coordinatorEmail) await updateRemindSettings(s.store, added.slug, settings);
      return added;
    });
    await writeText(
      io.stdout,
      `Кластер «${cluster.slug}» зарегистрирован: ${cluster.name} (${cluster.region})\n` +
        `Токен для надстройки: cluster-sync token create --cluster ${cluster.slug}\n`,
    );
  },
};

export const clusterList: Command = {
  name: 'cluster list',
  summary: 'Список кластеров',
  usage: `cluster list [--json]

Параметры:
  --json        в JSON
  -h, --help    эта справка`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { json: { type: 'boolean' } });
    const clusters = await withServices(io, (s) => s.store.clusters.list());
    if (values.json) await writeText(io.stdout, `${JSON.stringify({ clusters }, null, 2)}\n`);
    else {
      const lines = clusters.map(
        (c) => `${c.slug}\t${c.name}\t${c.region}${c.industry ? `\t${c.industry}` : ''}`,
      );
      await writeText(io.stdout, lines.length ? `${lines.join('\n')}\n` : 'Кластеров пока нет\n');
    }
  },
};

export const clusterRemove = removalCommand({
  name: 'cluster remove',
  summary: 'Удалить кластер (пока у него есть документы — только с --with-documents)',
  usage: `cluster remove SLUG [--with-documents]

Удаляет кластер, его источники и токены. Пока у кластера есть документы, отказывает.`,
  remove: async (store, slug, withDocuments) =>
    (await import('../../app/lifecycle.ts')).removeCluster(store, slug, { withDocuments }),
  done: (slug) => `Кластер «${slug}» удалён`,
});
