// `cluster-sync` dispatcher: finds the command by its words, handles --help, and turns every
// failure into one line on stderr with exit code 2.
import { CliError, type CliIO, type Command } from './command.ts';
import { commands } from './commands/index.ts';

export const PROGRAM = 'cluster-sync';

export function processIO(): CliIO {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Runs the CLI with the arguments after the program name; resolves to the exit code. */
export async function runCli(
  argv: string[],
  io: CliIO = processIO(),
  list: readonly Command[] = commands,
): Promise<number> {
  guardBrokenPipe(io);
  try {
    const helpAsked = hasHelpFlag(argv);
    const found = findCommand(argv, list);
    if (!found) {
      const words = leadingWords(argv);
      if (words.length === 0) {
        if (helpAsked || argv.length === 0) {
          io.stdout.write(overview(list));
          return 0;
        }
        throw new CliError(`неизвестный параметр ${argv[0]}; список команд: ${PROGRAM} --help`);
      }
      const group = list.filter((c) => c.name.startsWith(`${words[0]} `));
      if (group.length > 0 && (helpAsked || words.length === 1)) {
        if (helpAsked) {
          io.stdout.write(overview(group));
          return 0;
        }
        throw new CliError(
          `укажите подкоманду: ${group.map((c) => c.name).join(', ')} (подробнее: ${PROGRAM} ${words[0]} --help)`,
        );
      }
      throw new CliError(`неизвестная команда «${words.join(' ')}»; список команд: ${PROGRAM} --help`);
    }
    const { command, rest } = found;
    if (hasHelpFlag(rest)) {
      io.stdout.write(helpText(command));
      return 0;
    }
    const code = await command.run(rest, io);
    return code ?? 0;
  } catch (error) {
    io.stderr.write(`${errorLine(error, io.env)}\n`);
    return error instanceof CliError ? error.exitCode : 2;
  }
}

/** One line: «Ошибка: …». Unexpected errors keep their message; CLUSTER_SYNC_DEBUG=1 adds the stack. */
function errorLine(error: unknown, env: CliIO['env']): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = `Ошибка: ${message.replace(/\s*\n\s*/g, ' ').trim()}`;
  if (!(error instanceof CliError) && env.CLUSTER_SYNC_DEBUG && error instanceof Error && error.stack) {
    return `${line}\n${error.stack}`;
  }
  return line;
}

function leadingWords(argv: string[]): string[] {
  const words: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-')) break;
    words.push(arg);
  }
  return words;
}

/** The command whose name matches the most leading words ('cluster add' before 'cluster'). */
function findCommand(
  argv: string[],
  list: readonly Command[],
): { command: Command; rest: string[] } | undefined {
  const words = leadingWords(argv);
  let best: Command | undefined;
  let bestLength = 0;
  for (const command of list) {
    const parts = command.name.split(' ');
    if (parts.length > words.length || parts.length <= bestLength) continue;
    if (parts.every((p, i) => p === words[i])) {
      best = command;
      bestLength = parts.length;
    }
  }
  return best ? { command: best, rest: argv.slice(bestLength) } : undefined;
}

function hasHelpFlag(argv: string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

function helpText(command: Command): string {
  return `${command.summary}\n\nИспользование: ${PROGRAM} ${command.usage.trim()}\n`;
}

function overview(list: readonly Command[]): string {
  const width = Math.max(...list.map((c) => c.name.length), 4);
  const lines = [...list]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `${PROGRAM} — сервис синхронизации дорожных карт кластеров (cluster roadmaps sync service)`,
    '',
    `Использование: ${PROGRAM} КОМАНДА [ПАРАМЕТРЫ]`,
    '',
    'Команды:',
    ...lines,
    '',
    `Подробнее о команде: ${PROGRAM} КОМАНДА --help`,
    'Переменные окружения: DATA_DIR, DATABASE_URL, PORT, APP_TIME_ZONE (по умолчанию Europe/Moscow)',
    '',
  ].join('\n');
}

/** `cluster-sync … | head` closes stdout early; that is not an error worth a stack trace. */
function guardBrokenPipe(io: CliIO): void {
  if (io.stdout !== process.stdout) return;
  if (process.stdout.listenerCount('error') > 0) return;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
