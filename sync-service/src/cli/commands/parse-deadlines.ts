// `cluster-sync parse-deadlines` — one deadline text a line on stdin, one JSON object a line on
// stdout. Works chunk by chunk, so 100k lines stream through without being held in memory.
import { type Deadline, itemState, type Period, parseDeadline } from '@cluster/shared';
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
    const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
    let rest = '';
    for await (const chunk of io.stdin) {
      const text = rest + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      if (lines.length > 0) await writeText(io.stdout, lines.map(convert).join(''));
    }
    rest += decoder.decode();
    if (rest.length > 0) await writeText(io.stdout, convert(rest));
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
