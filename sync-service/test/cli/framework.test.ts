// The dispatcher and flag helpers, in-process with a test command list, and through the real bin.
import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isIsoDate, parseDateFlag, parseFlags, parsePeriodFlag, todayFor } from '../../src/cli/args.ts';
import { CliError, type CliIO, type Command } from '../../src/cli/command.ts';
import { runCli } from '../../src/cli/main.ts';

const bin = fileURLToPath(new URL('../../bin/cluster-sync.js', import.meta.url));

function memoryIO(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c) => out.push(String(c)));
  stderr.on('data', (c) => err.push(String(c)));
  const io: CliIO = { stdin: new PassThrough(), stdout, stderr, env, cwd: process.cwd() };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const seen: string[][] = [];
const testCommands: Command[] = [
  {
    name: 'echo',
    summary: 'Печатает аргументы',
    usage: 'echo [--upper] WORD…',
    async run(argv, io) {
      const { values, positionals } = parseFlags(
        argv,
        { upper: { type: 'boolean' } },
        { positionals: [1, 5] },
      );
      seen.push(argv);
      const text = positionals.join(' ');
      io.stdout.write(`${values.upper ? text.toUpperCase() : text}\n`);
    },
  },
  {
    name: 'cluster add',
    summary: 'Регистрирует кластер',
    usage: 'cluster add SLUG --name NAME',
    async run(argv, io) {
      const { values, positionals } = parseFlags(argv, { name: { type: 'string' } }, { positionals: 1 });
      if (!values.name) throw new CliError('не указан --name');
      io.stdout.write(`${positionals[0]}:${values.name}\n`);
      return 0;
    },
  },
  { name: 'cluster list', summary: 'Список кластеров', usage: 'cluster list', run: async () => 3 },
  {
    name: 'boom',
    summary: 'Падает',
    usage: 'boom',
    run: async () => {
      throw new Error('что-то сломалось\nвторая строка');
    },
  },
];

describe('runCli dispatch', () => {
  it('runs a command with its flags and positionals', async () => {
    const m = memoryIO();
    expect(await runCli(['echo', '--upper', 'привет', 'мир'], m.io, testCommands)).toBe(0);
    expect(m.out()).toBe('ПРИВЕТ МИР\n');
    expect(m.err()).toBe('');
  });

  it('picks the two-word command and passes the rest', async () => {
    const m = memoryIO();
    expect(await runCli(['cluster', 'add', 'kaluga', '--name', 'Калуга'], m.io, testCommands)).toBe(0);
    expect(m.out()).toBe('kaluga:Калуга\n');
    expect(await runCli(['cluster', 'list'], memoryIO().io, testCommands)).toBe(3);
  });

  it('lists commands on --help and with no arguments', async () => {
    for (const argv of [['--help'], ['-h'], []]) {
      const m = memoryIO();
      expect(await runCli(argv, m.io, testCommands)).toBe(0);
      expect(m.out()).toContain('Команды:');
      expect(m.out()).toMatch(/cluster add\s+Регистрирует кластер/);
      expect(m.out()).toMatch(/echo\s+Печатает аргументы/);
    }
  });

  it('shows a command help without running it', async () => {
    const before = seen.length;
    const m = memoryIO();
    expect(await runCli(['echo', 'x', '--help'], m.io, testCommands)).toBe(0);
    expect(m.out()).toContain('Использование: cluster-sync echo [--upper] WORD…');
    expect(seen.length).toBe(before);
  });

  it('lists a group on `cluster --help` and asks for a subcommand on bare `cluster`', async () => {
    const m = memoryIO();
    expect(await runCli(['cluster', '--help'], m.io, testCommands)).toBe(0);
    expect(m.out()).toContain('cluster add');
    expect(m.out()).not.toContain('echo');
    const bare = memoryIO();
    expect(await runCli(['cluster'], bare.io, testCommands)).toBe(2);
    expect(bare.err()).toMatch(/^Ошибка: укажите подкоманду: cluster add, cluster list/);
  });

  it.each([
    [['nope'], /^Ошибка: неизвестная команда «nope»/],
    [['cluster', 'remove', 'x'], /^Ошибка: неизвестная команда «cluster remove x»/],
    [['--bogus'], /^Ошибка: неизвестный параметр --bogus/],
    [['echo', '--bogus', 'x'], /^Ошибка: неизвестный параметр --bogus/],
    [['echo'], /^Ошибка: не хватает аргумента/],
    [['cluster', 'add', 'a', 'b', '--name', 'N'], /^Ошибка: лишний аргумент: b/],
    [['cluster', 'add', 'a', '--name'], /^Ошибка: у параметра --name нет значения/],
    [['echo', '--upper=yes', 'x'], /^Ошибка: параметр --upper не принимает значения/],
    [['cluster', 'add', 'a'], /^Ошибка: не указан --name$/],
    [['boom'], /^Ошибка: что-то сломалось вторая строка$/],
  ])('%j fails with exit 2 and one stderr line', async (argv, message) => {
    const m = memoryIO();
    expect(await runCli(argv, m.io, testCommands)).toBe(2);
    expect(m.out()).toBe('');
    const lines = m.err().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    expect(lines[0]).toMatch(message);
  });
});

describe('date and period flags', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2021-11-01')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2021-13-01')).toBe(false);
    expect(isIsoDate('2021-1-01')).toBe(false);
    expect(isIsoDate('01.11.2021')).toBe(false);
    expect(parseDateFlag('2021-11-01', '--today')).toBe('2021-11-01');
    expect(() => parseDateFlag('2021-02-30', '--as-of')).toThrow(/^--as-of: неверная дата «2021-02-30»/);
  });

  it('reads START..END periods', () => {
    expect(parsePeriodFlag('2018-09-01..2019-08-31')).toEqual({ start: '2018-09-01', end: '2019-08-31' });
    expect(() => parsePeriodFlag('2018-09-01-2019-08-31')).toThrow(CliError);
    expect(() => parsePeriodFlag('2019-09-01..2018-08-31')).toThrow(/позже конца/);
    expect(() => parsePeriodFlag('2019-02-29..2019-08-31')).toThrow(/неверный период/);
  });

  it('takes today in Europe/Moscow unless APP_TIME_ZONE says otherwise', () => {
    // 22:30 UTC on 31 Dec is already 1 Jan in Moscow (UTC+3), still 31 Dec in London.
    const now = new Date('2021-12-31T22:30:00Z');
    expect(todayFor({}, now)).toBe('2022-01-01');
    expect(todayFor({ APP_TIME_ZONE: 'Europe/London' }, now)).toBe('2021-12-31');
    expect(() => todayFor({ APP_TIME_ZONE: 'Mars/Olympus' }, now)).toThrow(/неизвестный часовой пояс/);
  });
});

describe('the real bin', () => {
  it('prints the command list and exits 0', () => {
    const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Использование: cluster-sync КОМАНДА');
    expect(r.stderr).toBe('');
  });

  it('rejects an unknown command with exit 2 and one line on stderr', () => {
    const r = spawnSync(process.execPath, [bin, 'no-such-command'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^Ошибка: неизвестная команда «no-such-command»/);
  });
});
