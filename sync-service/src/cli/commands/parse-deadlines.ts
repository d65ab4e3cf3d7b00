// `cluster-sync parse-deadlines` — one deadline text a line on stdin, one JSON object a line on
// stdout. Works chunk by chunk, so 100k lines stream through without being held in memory.
import { type Deadline, itemState, type Period, parseDeadline } from '@cluster/shared';
import { decodeUtf8Or1251 } from '../../files/decode.ts';
import { parseFlags, parsePeriodFlag, resolveToday } from '../args.ts';
import type { Command } from '../command.ts';
import { writeText } from '../output.ts';

const NO_MARK = { raw: '', status: 'none' } as const;

export const parseDeadlines: Command = {
  name: 'parse-deadlines',
  summary: 'Разобрать сроки: строка текста на входе → строка JSON на выходе',
  usage: `parse-deadlines [--period НАЧАЛО..КОНЕЦ] [--today ГГГГ-ММ-ДД]

Читает stdin построчно: каждая строка — текст срока («Апрель-май 2019», «IV квартал 2017г»,
«ежемесячно»…). На каждую пишет в stdout объект JSON в одну строку:
{"raw","kind","start","due",…,"state"}. Пустая строка — пустой срок (kind "unknown").

Параметры:
  --period НАЧАЛО..КОНЕЦ  период плана, например 2018-09-01..2019-08-31 (для месяцев без года,
                          «в течение года», повторяющихся сроков)
  --today ДАТА            «сегодня» для state и года по умолчанию (по умолчанию — текущая дата,
                          Europe/Moscow)
  -h, --help              эта справка`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { period: { type: 'string' }, today: { type: 'string' } });
    const period = values.period === undefined ? undefined : parsePeriodFlag(values.period);
    const today = resolveToday(values.today, io.env);
    const convert = deadlineLine(period, today);
    // Lines are split as bytes and decoded one by one, so a file saved in Windows-1251 reads too.
    let rest: Buffer = Buffer.alloc(0);
    let first = true;
    const decodeLine = (bytes: Buffer): string => {
      const body =
        first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
      first = false;
      return decodeUtf8Or1251(body).text;
    };
    for await (const chunk of io.stdin) {
      const bytes = Buffer.concat([rest, typeof chunk === 'string' ? Buffer.from(chunk) : chunk]);
      const end = bytes.lastIndexOf(0x0a);
      if (end < 0) {
        rest = bytes;
        continue;
      }
      const out: string[] = [];
      let start = 0;
      for (let nl = bytes.indexOf(0x0a); nl >= 0 && nl <= end; nl = bytes.indexOf(0x0a, start)) {
        out.push(convert(decodeLine(bytes.subarray(start, nl))));
        start = nl + 1;
      }
      rest = bytes.subarray(end + 1);
      await writeText(io.stdout, out.join(''));
    }
    if (rest.length > 0) await writeText(io.stdout, convert(decodeLine(rest)));
    return 0;
  },
};

/** One input line → one output line (with its newline). */
export function deadlineLine(period: Period | undefined, today: string): (line: string) => string {
  const defaultYear = Number(today.slice(0, 4));
  const soonDays = 14;
  return (line) => {
    const raw = line.endsWith('\r') ? line.slice(0, -1) : line;
    const deadline: Deadline = parseDeadline(raw, { period, defaultYear, referenceDate: today });
    const state = itemState(deadline, NO_MARK, { today, soonDays, period });
    return `${JSON.stringify({ ...deadline, state })}\n`;
  };
}
