// `cluster-sync report --out FILE.xlsx [--region R] [--cluster SLUG] [--as-of DATE]`: the
// consolidated report (or one cluster's) from the store, written to a file.
import { parseDateFlag, parseFlags } from '../args.ts';
import { CliError, type Command } from '../command.ts';
import { writeText } from '../output.ts';
import { withServices } from './with-services.ts';

export const report: Command = {
  name: 'report',
  summary: 'Сводный отчёт XLSX по кластерам (или по одному кластеру)',
  usage: `report --out FILE.xlsx [--region R] [--cluster SLUG] [--as-of DATE] [--finished]

Листы: Сводка, Исполнительская дисциплина, Просроченные, Все мероприятия, Переносы сроков,
Исполнители; с --finished ещё «Завершённые планы». Отчёт — о текущих планах: план, чей период
закончился к дате отчёта, в нём не просрочен, а завершён (с --finished — с итогом).
Состояния и переносы — по тому, что хранилище знает сейчас, на дату --as-of.

Параметры:
  --out FILE.xlsx   куда записать отчёт (файл заменяется только когда отчёт готов)
  --region R        только кластеры региона R (по умолчанию все регионы)
  --cluster SLUG    отчёт по одному кластеру
  --as-of DATE      дата, на которую считаются состояния, ГГГГ-ММ-ДД (по умолчанию сегодня)
  --finished        добавить лист «Завершённые планы» с итогом каждого завершённого плана
  -h, --help        эта справка`,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      out: { type: 'string' },
      region: { type: 'string' },
      cluster: { type: 'string' },
      'as-of': { type: 'string' },
      finished: { type: 'boolean' },
    });
    if (!values.out) throw new CliError('укажите файл отчёта: --out FILE.xlsx');
    if (!/\.xlsx$/i.test(values.out))
      throw new CliError(`--out: файл отчёта должен оканчиваться на .xlsx: ${values.out}`);
    if (values.region !== undefined && !values.region.trim())
      throw new CliError('--region: пустое имя региона');
    const asOfFlag = values['as-of'] === undefined ? undefined : parseDateFlag(values['as-of'], '--as-of');
    const { dirname, resolve } = await import('node:path');
    const { existsSync } = await import('node:fs');
    const target = resolve(io.cwd, values.out);
    if (!existsSync(dirname(target))) throw new CliError(`--out: нет папки ${dirname(target)}`);
    const { writeReportFile } = await import('../../reports/file.ts');

    const totals = await withServices(io, async (services) => {
      const asOf = asOfFlag ?? services.today();
      let clusterName: string | null = null;
      let region = values.region ?? null;
      if (values.cluster) {
        const cluster = await services.store.clusters.getBySlug(values.cluster);
        if (!cluster) throw new CliError(`--cluster: кластер «${values.cluster}» не найден`);
        if (region && cluster.region !== region) {
          throw new CliError(
            `--cluster: кластер «${cluster.slug}» из региона «${cluster.region}», а не «${region}»`,
          );
        }
        clusterName = cluster.name;
        region = cluster.region;
      } else if (region) {
        const inRegion = await services.store.clusters.list({ region });
        if (inRegion.length === 0) {
          const regions = (await services.store.regions.list()).map((r) => r.name);
          throw new CliError(
            `--region: в регионе «${region}» нет кластеров${regions.length ? `; регионы: ${regions.join(', ')}` : ''}`,
          );
        }
      }
      const scope = {
        region: values.cluster ? null : region,
        clusterSlugs: values.cluster ? [values.cluster] : null,
      };
      const { reportExtras } = await import('../../app/report-plan.ts');
      const plan = {
        scope: {
          ...(scope.region ? { region: scope.region } : {}),
          ...(scope.clusterSlugs ? { clusterSlugs: scope.clusterSlugs } : {}),
        },
        region,
      };
      return writeReportFile(
        services.store,
        { ...scope, plansOn: asOf },
        {
          ...(await reportExtras(services.store, null, plan, asOf)),
          asOf,
          region,
          clusterName,
          soonDays: services.config.soonDays,
          generatedAt: new Date(),
          timeZone: services.config.timeZone,
          finished: values.finished === true,
          staleDays: services.config.staleDays,
        },
        target,
      );
    });
    await writeText(
      io.stdout,
      `Отчёт записан: ${target}\nКластеров: ${totals.clusters}, мероприятий: ${totals.items}, ` +
        `просрочено: ${totals.overdue}, переносов сроков: ${totals.moves}` +
        (values.finished ? `, завершённых планов: ${totals.finished}` : '') +
        '\n',
    );
  },
};
