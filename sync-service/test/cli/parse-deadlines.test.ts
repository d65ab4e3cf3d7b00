// `cluster-sync parse-deadlines` through the real bin: line in, JSON line out, streaming.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { BIN, runBin } from '../helpers/cli.ts';

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('parse-deadlines', () => {
  it('reads lines saved in Windows-1251 as well as UTF-8 (a BOM is dropped)', async () => {
    const cp1251 = (text: string) =>
      Uint8Array.from(
        [...text].map((ch) => (ch >= 'А' && ch <= 'я' ? ch.charCodeAt(0) - 0x350 : ch.charCodeAt(0))),
      );
    const utf8 = new TextEncoder().encode('\uFEFFМай-сентябрь 2019\n');
    const input = Buffer.concat([utf8, cp1251('Май-сентябрь 2019\r\nIV квартал 2017г\n')]);
    const r = await runBin(['parse-deadlines', '--today', '2019-06-01'], { input });
    expect(r.stderr).toBe('');
    const out = lines(r.stdout).map((l) => JSON.parse(l));
    expect(out.map((o) => [o.raw, o.kind, o.due])).toEqual([
      ['Май-сентябрь 2019', 'range', '2019-09-30'],
      ['Май-сентябрь 2019', 'range', '2019-09-30'],
      ['IV квартал 2017г', 'quarter', '2017-12-31'],
    ]);
  });

  it('gives one JSON object a line, contract fields first, in input order', async () => {
    const input = [
      'Сентябрь 2018',
      'Апрель-май 2019',
      '',
      'IV квартал 2017г',
      'ежемесячно',
      'Апрель, октябрь 2018 г.',
      'ноябрь-февраль',
    ];
    const r = await runBin(
      ['parse-deadlines', '--period', '2018-09-01..2019-08-31', '--today', '2019-01-10'],
      {
        input: `${input.join('\r\n')}\r\n`,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = lines(r.stdout).map((l) => JSON.parse(l));
    expect(out).toHaveLength(input.length);
    for (const [i, o] of out.entries()) {
      expect(Object.keys(o).slice(0, 4)).toEqual(['raw', 'kind', 'start', 'due']);
      expect(o.raw).toBe(input[i]);
    }
    expect(out[0]).toMatchObject({ kind: 'month', start: '2018-09-01', due: '2018-09-30', state: 'overdue' });
    expect(out[1]).toMatchObject({
      kind: 'range',
      start: '2019-04-01',
      due: '2019-05-31',
      state: 'upcoming',
    });
    expect(out[2]).toMatchObject({ raw: '', kind: 'unknown', start: null, due: null });
    expect(out[3]).toMatchObject({ kind: 'quarter', start: '2017-10-01', due: '2017-12-31' });
    expect(out[4]).toMatchObject({ kind: 'recurring', every: 'month', due: '2019-08-31' });
    expect(out[5]).toMatchObject({ kind: 'multiple', dues: ['2018-04-30', '2018-10-31'] });
    // November–February inside the academic year crosses into 2019.
    expect(out[6]).toMatchObject({
      kind: 'range',
      start: '2018-11-01',
      due: '2019-02-28',
      state: 'in_progress',
    });
  });

  it('without --period reads months, years and the academic year from --today', async () => {
    const r = await runBin(['parse-deadlines', '--today', '2019-10-15'], {
      input: 'в течение учебного года\nв течение года\nмай\nежемесячно\n13.12.2017 г., 11 ч.\n',
    });
    expect(r.stderr).toBe('');
    const out = lines(r.stdout).map((l) => JSON.parse(l));
    expect(out[0]).toMatchObject({ kind: 'period', start: '2019-09-01', due: '2020-08-31' });
    expect(out[1]).toMatchObject({ kind: 'period', start: '2019-01-01', due: '2019-12-31' });
    expect(out[2]).toMatchObject({ kind: 'month', start: '2019-05-01', due: '2019-05-31', state: 'overdue' });
    expect(out[3]).toMatchObject({ kind: 'recurring', every: 'month', due: '2019-12-31', state: 'ongoing' });
    expect(out[4]).toEqual({
      raw: '13.12.2017 г., 11 ч.',
      kind: 'date',
      start: '2017-12-13',
      due: '2017-12-13',
      state: 'overdue',
    });
  });

  it('answers each line before stdin is closed', async () => {
    const child = spawn(process.execPath, [BIN, 'parse-deadlines', '--today', '2021-11-01'], {
      stdio: 'pipe',
    });
    const out = createInterface({ input: child.stdout });
    const next = () => new Promise<string>((done) => out.once('line', done));
    child.stdin.write('15.12.2021\n');
    expect(JSON.parse(await next())).toMatchObject({ kind: 'date', due: '2021-12-15', state: 'upcoming' });
    child.stdin.write('постоянно\n');
    expect(JSON.parse(await next())).toMatchObject({ kind: 'ongoing', due: null });
    child.stdin.end();
    expect(await new Promise((done) => child.on('close', done))).toBe(0);
  });

  it('streams 100,000 lines', async () => {
    const forms = [
      'Сентябрь 2018',
      'до 15.12.2017 г.',
      'I полугодие 2022',
      '2021-2024 гг.',
      'по мере необходимости',
    ];
    const input = Array.from({ length: 100_000 }, (_, i) => forms[i % forms.length]).join('\n');
    const r = await runBin(['parse-deadlines', '--today', '2021-11-01'], { input });
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out).toHaveLength(100_000);
    expect(JSON.parse(out[99_999])).toMatchObject({ raw: 'по мере необходимости', kind: 'ongoing' });
    expect(JSON.parse(out[2])).toMatchObject({ kind: 'half_year', start: '2022-01-01', due: '2022-06-30' });
  });

  it.each([
    [
      ['--period', '2019-09-01..2018-08-31'],
      /^Ошибка: --period: начало периода 2019-09-01 позже конца 2018-08-31$/,
    ],
    [['--period', '2018'], /^Ошибка: --period: неверный период «2018»/],
    [['--today', 'вчера'], /^Ошибка: --today: неверная дата «вчера»/],
    [['extra'], /^Ошибка: лишний аргумент: extra$/],
  ])('%j fails with exit 2', async (args, message) => {
    const r = await runBin(['parse-deadlines', ...args], { input: 'май 2019\n' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr.trimEnd()).toMatch(message);
  });
});
