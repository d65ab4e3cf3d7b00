// `cluster-sync inspect FILE` — read a roadmap, plan or protocol without a store and show what
// the domain core recognised: as JSON (--json) or as a Russian table.
import { resolve } from 'node:path';
import { type Item, type Meeting, movedDue, STATE_LABEL_RU, TALLY_ORDER, tallyKeyOf } from '@cluster/shared';
import { FileReadError } from '../../files/errors.ts';
import type { FileDocument, FileDocuments } from '../../files/read-file.ts';
import { parseFlags, parsePeriodFlag, resolveToday } from '../args.ts';
import { CliError, type Command } from '../command.ts';
import { writeText } from '../output.ts';
import { formatTable, oneLine, ruDate } from '../table.ts';

export const inspect: Command = {
  name: 'inspect',
  summary: 'Разобрать файл (.xlsx, .csv, .txt, .docx, .odt) и показать мероприятия, сроки и проблемы',
  usage: `inspect FILE [--sheet NAME] [--today ГГГГ-ММ-ДД] [--json] [--period НАЧАЛО..КОНЕЦ]

Читает дорожную карту, план работы или протокол без хранилища.

Параметры:
  --sheet NAME     только этот лист книги .xlsx (по умолчанию все видимые листы)
  --today ДАТА     «сегодня» для состояния мероприятий (по умолчанию — текущая дата, Europe/Moscow)
  --json           вывести {"documents":[…]} в JSON
  --period НАЧАЛО..КОНЕЦ
                   период плана, например 2018-09-01..2019-08-31, вместо прочитанного из заголовка
  -h, --help       эта справка`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        sheet: { type: 'string' },
        today: { type: 'string' },
        json: { type: 'boolean' },
        period: { type: 'string' },
      },
      { positionals: [0, 1] },
    );
    if (positionals.length === 0) {
      throw new CliError(
        'не указан файл: cluster-sync inspect FILE [--sheet NAME] [--today ГГГГ-ММ-ДД] [--json]',
      );
    }
    const today = resolveToday(values.today, io.env);
    // The user's period wins over the one the title names (as a cluster setting does in a sync).
    const period = values.period === undefined ? undefined : parsePeriodFlag(values.period);
    // Loaded here so that the readers cost nothing to the other commands; the file is read in a
    // child process within its time and memory budget (a hostile file gets a clear error).
    const { readDocumentsInWorker } = await import('../../files/read-worker.ts');
    let result: FileDocuments;
    try {
      result = await readDocumentsInWorker(resolve(io.cwd, positionals[0]), {
        today,
        sheet: values.sheet,
        period,
      });
    } catch (error) {
      if (error instanceof FileReadError) throw new CliError(error.message);
      throw error;
    }
    if (values.json) {
      await writeText(
        io.stdout,
        `${JSON.stringify({ documents: result.documents.map(documentJson) }, null, 2)}\n`,
      );
    } else {
      await writeText(io.stdout, renderDocuments(result, today));
    }
    return 0;
  },
};

/** Contract fields first (title, kind, period, items), then the rest the core gave. */
function documentJson(doc: FileDocument) {
  const { title, kind, period, items, sheet, ...rest } = doc;
  return { title, kind, period, ...(sheet === undefined ? {} : { sheet }), items, ...rest };
}

const KIND_RU: Record<string, string> = {
  roadmap: 'дорожная карта',
  work_plan: 'план работы',
  protocol: 'протокол',
  decisions_register: 'реестр решений',
  table: 'таблица',
};

export function renderDocuments(result: FileDocuments, today: string): string {
  if (result.documents.length === 0) {
    return `В файле ${result.name} не найдено ни одной таблицы мероприятий (нет строки заголовков: №, Мероприятие, Срок…).\n`;
  }
  return `${result.documents.map((doc) => renderDocument(doc, today)).join('\n\n')}\n`;
}

function renderDocument(doc: FileDocument, today: string): string {
  const facts = [
    `Вид: ${KIND_RU[doc.kind] ?? doc.kind}`,
    `период: ${doc.period ? `${ruDate(doc.period.start)}–${ruDate(doc.period.end)}` : 'не указан'}`,
    ...(doc.sheet === undefined ? [] : [`лист: «${doc.sheet}»`]),
    `на дату: ${ruDate(today)}`,
  ];
  const out = [oneLine(doc.title) || '(без названия)', facts.join(' · '), ''];
  if (doc.meeting) out.push(...meetingLines(doc.meeting), '');
  const rows: string[][] = [];
  let task = '';
  for (const item of doc.items) {
    if (item.task && item.task !== task) {
      task = item.task;
      rows.push(['', `▸ ${task}`, '', '', '', '']);
    }
    rows.push([
      item.number,
      item.title,
      item.executors.join(', '),
      deadlineText(item),
      stateText(item),
      item.problems.map((p) => p.message).join('; '),
    ]);
  }
  out.push(
    formatTable(
      [
        { header: '№', width: 8 },
        { header: doc.kind === 'protocol' ? 'Решение' : 'Мероприятие', width: 50 },
        { header: 'Исполнители', width: 24 },
        { header: 'Срок', width: 40 },
        { header: 'Состояние', width: 11 },
        { header: 'Проблемы', width: 0 },
      ],
      rows,
    ),
  );
  if (doc.unplaced && doc.unplaced.length > 0) {
    out.push('', `Не разобраны строки (${doc.unplaced.length}):`);
    for (const u of doc.unplaced)
      out.push(`  строка ${u.row}: ${oneLine(u.text).slice(0, 100)} — ${u.reason}`);
  }
  out.push('', summary(doc));
  return out.join('\n');
}

/** The meeting of a protocol: number, date, time, place, who attended, the agenda. */
function meetingLines(m: Meeting): string[] {
  const when = [m.number ? `№ ${m.number}` : '', m.date ? `от ${ruDate(m.date)}` : '', m.time ?? '']
    .filter(Boolean)
    .join(' ');
  const lines = [`Заседание${when ? ` ${when}` : ''}${m.place ? `, ${oneLine(m.place)}` : ''}`];
  if (m.attendees.length > 0) {
    lines.push(`Присутствовали (${m.attendees.length}):`);
    for (const a of m.attendees) {
      lines.push(`  ${[a.name, a.position, a.organisation].filter(Boolean).map(oneLine).join(', ')}`);
    }
  }
  if (m.agenda.length > 0) {
    lines.push('Повестка:');
    m.agenda.forEach((q, i) => {
      lines.push(`  ${i + 1}. ${oneLine(q)}`);
    });
  }
  return lines;
}

/**
 * «без срока» for a decision that sets none; «нет срока» for a deadline missing where one is
 * expected, so neither is mistaken for one nobody could read.
 */
function stateText(item: Item): string {
  if (tallyKeyOf(item.state, item.deadline) === 'no_deadline') return STATE_LABEL_RU.no_deadline;
  if (item.state === 'unknown' && item.deadline.raw.trim() === '') return 'нет срока';
  return STATE_LABEL_RU[item.state] ?? item.state;
}

function deadlineText(item: Item): string {
  const d = item.deadline;
  const raw = oneLine(d.raw);
  const moved = movedDue(item.mark);
  // The original stays visible next to the deadline that counts now.
  if (moved) return `${raw || '—'} → перенесено на ${ruDate(moved)}`;
  const due = item.effectiveDue ?? d.due;
  if (!due) return raw || '—';
  const shown = ruDate(due);
  return raw.includes(shown) ? raw : `${raw} (до ${shown})`;
}

function summary(doc: FileDocument): string {
  // Counted by the same words the table shows, in the order of the states.
  const byLabel = new Map<string, number>();
  const order = [...TALLY_ORDER.map((k) => STATE_LABEL_RU[k]), 'нет срока'];
  for (const item of doc.items) {
    const label = stateText(item);
    byLabel.set(label, (byLabel.get(label) ?? 0) + 1);
  }
  const states = order.filter((l) => byLabel.has(l)).map((l) => `${l} ${byLabel.get(l)}`);
  const withProblems = doc.items.filter((i) => i.problems.length > 0).length;
  const what = doc.kind === 'protocol' ? 'Итого решений' : 'Итого мероприятий';
  return `${what}: ${doc.items.length}${states.length ? ` (${states.join(', ')})` : ''}; с проблемами: ${withProblems}`;
}
