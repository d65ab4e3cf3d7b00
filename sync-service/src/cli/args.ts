// Flag parsing shared by the commands: strict node:util parseArgs with Russian errors, and the
// date/period flags (`--today`, `--as-of`, `--period START..END`).
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Period } from '@cluster/shared';
import { CliError } from './command.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs in strict mode; unknown flags, missing values and extra arguments become a CliError. */
export function parseFlags<const O extends Options>(
  argv: string[],
  options: O,
  { positionals = 0 }: { positionals?: number | [min: number, max: number] } = {},
) {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new CliError(translateParseError(error));
  }
  const [min, max] = Array.isArray(positionals) ? positionals : [positionals, positionals];
  const got = parsed.positionals.length;
  if (got > max) throw new CliError(`лишний аргумент: ${parsed.positionals[max]}`);
  if (got < min) throw new CliError(`не хватает аргумента (ожидается ${min}, получено ${got})`);
  return parsed;
}

function translateParseError(error: unknown): string {
  const err = error as { code?: string; message?: string };
  const message = String(err.message ?? error);
  const flag = /'(-[^']*)'/.exec(message)?.[1] ?? '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `неизвестный параметр ${flag.split(/[ ,]/)[0]}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(message)
        ? `у параметра ${flag.split(/[ ,]/)[0]} нет значения`
        : `параметр ${flag.split(/[ ,]/)[0]} не принимает значения`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `лишний аргумент: ${/'([^']*)'/.exec(message)?.[1] ?? ''}`;
    default:
      return message;
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A date flag's value, checked; `flag` names it in the error («--today»). */
export function parseDateFlag(value: string, flag: string): string {
  if (!isIsoDate(value)) {
    throw new CliError(
      `${flag}: неверная дата «${value}», нужна дата в виде ГГГГ-ММ-ДД (например 2021-11-01)`,
    );
  }
  return value;
}

/** `--period 2018-09-01..2019-08-31` → { start, end }. */
export function parsePeriodFlag(value: string, flag = '--period'): Period {
  const parts = value.split('..');
  if (parts.length !== 2 || !isIsoDate(parts[0]) || !isIsoDate(parts[1])) {
    throw new CliError(
      `${flag}: неверный период «${value}», нужен период НАЧАЛО..КОНЕЦ (например 2018-09-01..2019-08-31)`,
    );
  }
  const [start, end] = parts;
  if (start > end) throw new CliError(`${flag}: начало периода ${start} позже конца ${end}`);
  return { start, end };
}

export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

/** Today's date (YYYY-MM-DD) in the time zone `APP_TIME_ZONE` (default Europe/Moscow). */
export function todayFor(env: Record<string, string | undefined>, now: Date = new Date()): string {
  const timeZone = env.APP_TIME_ZONE || DEFAULT_TIME_ZONE;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  } catch {
    throw new CliError(`APP_TIME_ZONE: неизвестный часовой пояс «${timeZone}» (например Europe/Moscow)`);
  }
  const parts = Object.fromEntries(format.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** `--today` if given (checked), otherwise today in the app's time zone. */
export function resolveToday(value: string | undefined, env: Record<string, string | undefined>): string {
  return value === undefined ? todayFor(env) : parseDateFlag(value, '--today');
}
