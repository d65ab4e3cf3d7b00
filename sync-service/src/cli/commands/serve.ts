// `cluster-sync serve [--demo]`: the HTTP API (and dashboard) on PORT with the store from
// DATA_DIR / DATABASE_URL. A fresh store gets a short "what next" on stdout.
import { parseFlags } from '../args.ts';
import { CliError, type CliIO, type Command } from '../command.ts';
import { writeText } from '../output.ts';
import { openFromEnv } from './with-services.ts';

/** The demo's own store: DEMO_DATA_DIR (./demo-data) or DEMO_DATABASE_URL, never the real one. */
function demoIO(io: CliIO): CliIO {
  const env = {
    ...io.env,
    DATA_DIR: io.env.DEMO_DATA_DIR || './demo-data',
    DATABASE_URL: io.env.DEMO_DATABASE_URL ?? '',
  };
  return { ...io, env };
}

export const serve: Command = {
  name: 'serve',
  summary: 'Запустить сервис: HTTP API, панель и хранилище (npm start)',
  usage: `serve [--demo] [--port N] [--host HOST]

Хранилище — SQLite в DATA_DIR (по умолчанию ./data) или PostgreSQL, если задан DATABASE_URL.
Останавливается по Ctrl+C / SIGTERM, дождавшись идущих синхронизаций.
  --demo         демонстрация в отдельном хранилище (DEMO_DATA_DIR, по умолчанию ./demo-data,
                 или PostgreSQL из DEMO_DATABASE_URL; рабочее хранилище не трогается):
                 примеры документов (fixtures/samples) в кластере demo, токены кластера и
                 департамента для пробы
  --port N       порт (по умолчанию PORT или 8080)
  --host HOST    адрес (по умолчанию HOST или 0.0.0.0)
  -h, --help     эта справка

Переменные окружения: PORT, HOST, DATA_DIR, DATABASE_URL, SOON_DAYS, APP_TIME_ZONE, LOG_LEVEL,
BODY_LIMIT, PULL_INTERVAL_MINUTES, GOOGLE_APPLICATION_CREDENTIALS, DEMO_DATA_DIR, DEMO_DATABASE_URL.`,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      demo: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
    });
    if (values.port !== undefined && !/^\d{1,5}$/.test(values.port)) {
      throw new CliError(`--port: нужен номер порта, получено «${values.port}»`);
    }
    const services = await openFromEnv(values.demo ? demoIO(io) : io, 'config');
    const { startServer, closeOnSignals } = await import('../../server.ts');
    let demoLine = '';
    try {
      if (values.demo) {
        const { loadDemo, demoTokens } = await import('../../demo/load-demo.ts');
        const demo = await loadDemo(services);
        const tokens = await demoTokens(services);
        demoLine =
          `Демо (отдельное хранилище, рабочее не тронуто): в кластер «${demo.cluster}» загружены образцы (документов: ${demo.files.length}, мероприятий: ${demo.items}).\n` +
          `  Токен кластера demo (только для пробы): ${tokens.cluster}\n` +
          `  Токен департамента demo-edu (только для пробы): ${tokens.department}\n` +
          '  Токены прошлого запуска демо отозваны. Войти в панель: URL/ с любым из токенов.\n' +
          `  Например: curl -H "Authorization: Bearer ${tokens.cluster}" URL/api/v1/items?state=overdue\n`;
      }
      const running = await startServer(services, {
        port: values.port !== undefined ? Number(values.port) : services.config.port,
        host: values.host ?? services.config.host,
      });
      closeOnSignals(running, services);
      const fresh = !values.demo && (await services.store.tokens.list()).every((t) => t.kind !== 'admin');
      const where =
        services.store.backend === 'postgres'
          ? `PostgreSQL (${values.demo ? 'DEMO_DATABASE_URL' : 'DATABASE_URL'})`
          : `SQLite в ${services.config.dataDir}`;
      const lines = [
        `cluster-sync слушает ${running.url} (хранилище: ${where})`,
        `  API: ${running.url}/api/v1, описание: ${running.url}/api/v1/openapi.json, проверка: ${running.url}/healthz`,
      ];
      if (demoLine) lines.push(demoLine.replaceAll('URL', running.url).trimEnd());
      if (fresh) {
        lines.push(
          'Что дальше:',
          '  1. Токен администратора:       cluster-sync token create --admin',
          '  2. Кластер:                    cluster-sync cluster add SLUG --name "Название" --region "Регион"',
          '  3. Токен кластера (надстройка): cluster-sync token create --cluster SLUG',
          `  4. В Google Таблице: Расширения → Дорожные карты → Настройки кластера: адрес ${running.url} и токен кластера.`,
          '     (надстройка обращается из серверов Google: сервису нужен публичный HTTPS-адрес;',
          '      без него — забор листов сервисом: cluster-sync source add … и cluster-sync pull)',
        );
      }
      await writeText(io.stdout, `${lines.join('\n')}\n`);
      return 0;
    } catch (error) {
      await services.store.close();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new CliError(`порт занят: ${(error as Error).message}`);
      if (code === 'EACCES') throw new CliError(`нет прав слушать порт: ${(error as Error).message}`);
      throw error;
    }
  },
};
