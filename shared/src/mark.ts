// Mark cell («Отметка о выполнении», «Статус») → Mark.
import { dateToIso, formatRu } from './dates.ts';
import { contextKey, type DeadlineContext, parseDeadline } from './deadline/parse.ts';
import type { Cell, Mark, MarkStatus } from './model.ts';

// Checked in order: negations and qualifiers before the plain «выполнено» they contain.
const RULES: [RegExp, MarkStatus][] = [
  [/^(отмен|снят|исключен|аннулир|не актуальн|неактуальн|утратил|не требуется)/, 'cancelled'],
  [/перенес|перенос|продлен|продлить|изменен срок|срок изменен|^отложен|^приостановлен/, 'postponed'],
  [/частичн|не в полном объеме|не полностью|(?<![\d.,])[1-9]\d?(?:[.,]\d+)?\s*%/, 'partial'],
  [/^(не выполн|не исполн|не сделан|не провед|не реализ|не начат|невыполн|нет$|-$|✗|✘|×$|x$)/, 'not_done'],
  [
    /^(в работе|в процессе|в стадии|на стадии|готовится|подготовка|на согласовании|на рассмотрении|выполняется|исполняется|на исполнении|на выполнении|проводится|реализуется|ведется|идет|начат|в ходе)/,
    'in_progress',
  ],
  [
    /^(выполнен|исполнен|сделан|проведен|реализован|завершен|готов|утвержден|подписан|принят|создан|разработан|да$|\+|✓|✔|☑|v$|ok$|done$)/,
    'done',
  ],
];

const DONE = RULES.find(([, status]) => status === 'done')![0];
const POSTPONED = RULES.find(([, status]) => status === 'postponed')![0];

// «27.09.2024», «27.09.24», «2024-09-27», «5 марта 2021»; «15.03» and «15 марта» take the year from the context.
const DATE_IN_TEXT =
  /\d{4}-\d{2}-\d{2}(?!\d)|\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})(?!\d)|\d{1,2}\s+[а-я]+\s+\d{4}|(?<![\d.,])\d{1,2}[./]\d{1,2}(?![\d./,%])|(?<![\d.,])\d{1,2}\s+[а-я]+/g;
const ONLY_DATE = /^(?:\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\s*(?:г\.?|года)?$/;
const PERCENT = /^(\d{1,3})(?:[.,]\d+)?\s*%$/;
const MOVED_TARGET = /(?:\sна|\sдо|:)\s+(.+)$/;

// Memo by text and context, as for deadlines: a roadmap repeats the same few marks many times.
// Marks are flat, so a shallow copy keeps callers from sharing one object.
const MEMO_LIMIT = 4096;
const memo = new Map<string, Mark>();

/**
 * Reads a mark. Empty → 'none'; text it cannot read → 'none' with `raw` kept (see isMarkReadable).
 * A date alone counts as done on that date; «100%» done, «0%» not done, other percentages partial.
 * `ctx` gives years to «перенесено на май».
 */
export function parseMark(input: Cell | undefined, ctx?: DeadlineContext): Mark {
  if (input === null || input === undefined) return { raw: '', status: 'none' };
  if (typeof input === 'boolean') return { raw: input ? 'да' : 'нет', status: input ? 'done' : 'not_done' };
  if (input instanceof Date) {
    const iso = dateToIso(input);
    return iso ? { raw: formatRu(iso), status: 'done', date: iso } : { raw: '', status: 'none' };
  }
  const raw = typeof input === 'number' ? (Number.isFinite(input) ? String(input) : '') : input.trim();
  if (raw === '') return { raw: '', status: 'none' };
  const key = `${contextKey(ctx)}|${raw}`;
  const hit = memo.get(key);
  if (hit) return { ...hit };
  const mark = readText(raw, ctx);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, mark);
  return { ...mark };
}

function readText(raw: string, ctx: DeadlineContext | undefined): Mark {
  const text = raw
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .replace(/[.!]+$/, '');
  const percent = PERCENT.exec(text);
  if (percent) {
    const p = +percent[1];
    if (p <= 100) return { raw, status: p === 100 ? 'done' : p === 0 ? 'not_done' : 'partial' };
  }
  if (ONLY_DATE.test(text)) {
    const d = parseDeadline(text, ctx);
    if (d.kind === 'date') return { raw, status: 'done', date: d.due };
  }
  // «Выполнено 10.05.2021 (срок перенесён на 15.05.2021)»: the work is done; the move it mentions
  // stays as movedTo so that "on time" is judged against the moved date.
  const moveAt = DONE.test(text) ? text.search(POSTPONED) : -1;
  if (moveAt > 0) {
    // Dates before the move's wording are the completion; the move's target comes after it.
    const date = dateIn(text.slice(0, moveAt), ctx);
    const moved = movedTo(text.slice(moveAt), ctx);
    return { raw, status: 'done', ...(date ? { date } : {}), ...(moved ? { movedTo: moved } : {}) };
  }
  for (const [re, status] of RULES) {
    if (!re.test(text)) continue;
    if (status === 'postponed') return { raw, status, movedTo: movedTo(text, ctx) };
    const date = dateIn(text, ctx);
    return date ? { raw, status, date } : { raw, status };
  }
  return { raw, status: 'none' };
}

/** False for a non-empty mark nobody can read (validation reports `unreadable_mark`). */
export function isMarkReadable(mark: Mark): boolean {
  return mark.status !== 'none' || mark.raw.trim() === '';
}

function dateIn(text: string, ctx: DeadlineContext | undefined): string | null {
  // The first candidate that reads as a day: «протокол № 3 от 12.03.2021» is 12.03.2021, not «3 от».
  for (const m of text.matchAll(DATE_IN_TEXT)) {
    const d = parseDeadline(m[0], ctx);
    if (d.kind === 'date') return d.due;
  }
  return null;
}

/** «перенесено на 15.05.2021» → 2021-05-15; «срок перенесен на май 2021» → 2021-05-31. */
function movedTo(text: string, ctx: DeadlineContext | undefined): string | null {
  const m = MOVED_TARGET.exec(text);
  if (!m) return null;
  // The target may be followed by a reason: try the whole tail, then its first words.
  const words = m[1].split(' ');
  for (let n = words.length; n >= 1; n = n === words.length ? Math.min(n - 1, 4) : n - 1) {
    const d = parseDeadline(words.slice(0, n).join(' '), ctx);
    if (d.kind !== 'unknown' && d.kind !== 'ongoing' && d.kind !== 'multiple') return d.due;
  }
  return null;
}
