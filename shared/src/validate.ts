// Checks a document's items and says, in Russian, what is wrong and where (row, column).
import { isMarkReadable } from './mark.ts';
import { DEFAULT_HEADERS, type ProblemPlace, problemMessages } from './messages.ts';
import type { Deadline, Document, Item, Period, Problem, ReadOptions } from './model.ts';
import { isOutsidePeriod } from './period.ts';
import { effectiveDue, itemState } from './state.ts';
import { compareNumbers, numberParts } from './table/sections.ts';

/** A field's column: header text as written and, for sheets, its 1-based column. */
export interface ColumnRef {
  header: string;
  column?: number;
}

export type CheckedField = keyof typeof DEFAULT_HEADERS;

export interface ValidateContext {
  /** The plan period; deadlines outside it are problems. */
  period: Period | null;
  /** Where each field comes from; missing fields use the default Russian column names. */
  columns?: Partial<Record<CheckedField, ColumnRef>>;
  /** Only a document with a result column is asked for results. */
  hasResultColumn: boolean;
}

/**
 * Returns the items with `problems` recomputed (previous problems are replaced, so validating
 * twice gives the same answer). Number checks run across the list in order.
 */
export function validateItems(items: readonly Item[], ctx: ValidateContext): Item[] {
  const problems = problemsOf(items, ctx);
  return items.map((item, i) => ({ ...item, problems: problems[i] }));
}

/** The problems of each item, in item order (the core of validateItems, without copying items). */
export function problemsOf(items: readonly Item[], ctx: ValidateContext): Problem[][] {
  const ref = (field: CheckedField): ColumnRef => {
    const col = ctx.columns?.[field];
    if (!col) return { header: DEFAULT_HEADERS[field] };
    return col.header ? col : { ...col, header: DEFAULT_HEADERS[field] };
  };
  const cols = {
    number: ref('number'),
    title: ref('title'),
    executors: ref('executors'),
    deadline: ref('deadline'),
    result: ref('result'),
    mark: ref('mark'),
  };
  const seen = new Map<string, number>();
  let previous: { number: string; parts: number[] } | null = null;
  let previousTask = '';
  const out: Problem[][] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const problems: Problem[] = [];
    const add = (code: Problem['code'], col: ColumnRef, message: string): void => {
      problems.push(col.column === undefined ? { code, message } : { code, message, column: col.column });
    };
    const place = (col: ColumnRef): ProblemPlace => ({ row: item.row, header: col.header });

    if (!item.title.trim())
      add('missing_title', cols.title, problemMessages.missing_title(place(cols.title)));
    if (item.executors.length === 0)
      add('missing_executor', cols.executors, problemMessages.missing_executor(place(cols.executors)));
    checkDeadline(
      item.deadline,
      ctx.period,
      (code, message) => add(code, cols.deadline, message),
      place(cols.deadline),
    );
    if (ctx.hasResultColumn && !item.result.trim())
      add('missing_result', cols.result, problemMessages.missing_result(place(cols.result)));
    if (item.number) {
      // Plain numbers («1», «2») may start again in each section; outline numbers («1.2») may not.
      const nested = item.number.includes('.');
      if (!nested && item.task !== previousTask) previous = null;
      const key = nested ? item.number : `${item.task}\u0000${item.number}`;
      const first = seen.get(key);
      const parts = numberParts(item.number);
      if (first !== undefined) {
        add(
          'duplicate_number',
          cols.number,
          problemMessages.duplicate_number(place(cols.number), item.number, first),
        );
      } else {
        seen.set(key, item.row);
        if (previous && compareNumbers(parts, previous.parts) < 0)
          add(
            'number_out_of_order',
            cols.number,
            problemMessages.number_out_of_order(place(cols.number), item.number, previous.number),
          );
      }
      previous = { number: item.number, parts };
      previousTask = item.task;
    }
    if (item.mark.raw.trim() && !isMarkReadable(item.mark))
      add('unreadable_mark', cols.mark, problemMessages.unreadable_mark(place(cols.mark), item.mark.raw));
    out[i] = problems;
  }
  return out;
}

function checkDeadline(
  deadline: Deadline,
  period: Period | null,
  add: (code: Problem['code'], message: string) => void,
  place: ProblemPlace,
): void {
  const raw = deadline.raw.trim();
  if (!raw) {
    if (deadline.kind === 'unknown') add('missing_deadline', problemMessages.missing_deadline(place));
    return;
  }
  if (deadline.kind === 'unknown') {
    add('unreadable_deadline', problemMessages.unreadable_deadline(place, raw));
    return;
  }
  if (period && isOutside(deadline, period))
    add('deadline_outside_period', problemMessages.deadline_outside_period(place, raw, period));
}

/** For `multiple`, one due outside the period is enough to say so. */
function isOutside(deadline: Deadline, period: Period): boolean {
  if (isOutsidePeriod(deadline, period)) return true;
  if (deadline.kind !== 'multiple' || !deadline.dues) return false;
  return deadline.dues.some((d) => d < period.start || d > period.end);
}

export interface ApplyStateOptions {
  today: string;
  soonDays?: number;
  period?: Period | null;
}

/** Returns the items with `state` and `effectiveDue` set for the given day. */
export function applyState(items: readonly Item[], opts: ApplyStateOptions): Item[] {
  return setState(
    items.map((item) => ({ ...item })),
    opts,
  );
}

/** Sets `state` and `effectiveDue` in place (for items the caller has just built). */
export function setState<T extends Item>(items: T[], opts: ApplyStateOptions): T[] {
  const stateOpts = { today: opts.today, soonDays: opts.soonDays, period: opts.period ?? null };
  for (const item of items) {
    item.effectiveDue = effectiveDue(item.deadline, item.mark, opts.today);
    item.state = itemState(item.deadline, item.mark, stateOpts);
  }
  return items;
}

/** Column names for a protocol's decisions, which have no header row. */
export const PROTOCOL_COLUMNS: ValidateContext['columns'] = {
  number: { header: '№' },
  title: { header: 'Решение' },
  executors: { header: 'Исполнитель' },
  deadline: { header: 'Срок' },
};

const DEADLINE_PREFERENCE = { deadline: 3, end: 2, start: 1 } as const;

/** What validation needs from a document: its period and where each field's column is. */
export function validationContext(doc: Pick<Document, 'period' | 'table'>): ValidateContext {
  if (!doc.table) return { period: doc.period, hasResultColumn: false, columns: PROTOCOL_COLUMNS };
  const columns: Partial<Record<CheckedField, ColumnRef>> = {};
  let deadlineRank = 0;
  for (const c of doc.table.columns) {
    const ref = { column: c.column, header: c.header };
    if (c.role === 'deadline' || c.role === 'start' || c.role === 'end') {
      // The deadline column names the problem; with start/end columns, the end one does.
      if (DEADLINE_PREFERENCE[c.role] > deadlineRank) {
        deadlineRank = DEADLINE_PREFERENCE[c.role];
        columns.deadline = ref;
      }
    } else if (c.role !== 'extra' && !columns[c.role]) columns[c.role] = ref;
  }
  return { period: doc.period, hasResultColumn: columns.result !== undefined, columns };
}

/** The document with every item's problems and state recomputed (after edits, or on another day). */
export function validateDocument(doc: Document, opts: Pick<ReadOptions, 'today' | 'soonDays'>): Document {
  const items = validateItems(doc.items, validationContext(doc));
  return {
    ...doc,
    items: setState(items, { today: opts.today, soonDays: opts.soonDays, period: doc.period }),
  };
}
