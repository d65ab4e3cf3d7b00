// How items are counted and named in counts (reports, dashboard, add-in, CLI): one order, one set of
// labels. A decision that sets no deadline (deadline kind `none`) has no due, so its state is
// `unknown`; it is counted apart («без срока»), not as a deadline nobody could read.
import type { Deadline, ItemState } from './model.ts';

/** What a count is kept by: the item's state, with «no deadline set» apart from «unreadable». */
export type TallyKey = ItemState | 'no_deadline';

/** The order every count, column and bar shows them in. */
export const TALLY_ORDER: readonly TallyKey[] = [
  'done',
  'overdue',
  'due_soon',
  'in_progress',
  'upcoming',
  'ongoing',
  'no_deadline',
  'unknown',
];

/** States alone, in the same order. */
export const STATE_ORDER: readonly ItemState[] = TALLY_ORDER.filter(
  (k): k is ItemState => k !== 'no_deadline',
);

export function tallyKeyOf(state: ItemState, deadline: Pick<Deadline, 'kind'>): TallyKey {
  return state === 'unknown' && deadline.kind === 'none' ? 'no_deadline' : state;
}

export function emptyTally(): Record<TallyKey, number> {
  const out = {} as Record<TallyKey, number>;
  for (const k of TALLY_ORDER) out[k] = 0;
  return out;
}

/** Russian label of each state, as reports and the dashboard show it in text. */
export const STATE_LABEL_RU: Readonly<Record<TallyKey, string>> = {
  done: 'выполнено',
  overdue: 'просрочено',
  due_soon: 'скоро срок',
  in_progress: 'в работе',
  upcoming: 'предстоит',
  ongoing: 'постоянно',
  no_deadline: 'без срока',
  unknown: 'срок не распознан',
};

/** The same as column headings. */
export const STATE_COLUMN_RU: Readonly<Record<TallyKey, string>> = {
  done: 'Выполнено',
  overdue: 'Просрочено',
  due_soon: 'Скоро срок',
  in_progress: 'В работе',
  upcoming: 'Предстоит',
  ongoing: 'Постоянно',
  no_deadline: 'Без срока',
  unknown: 'Срок не распознан',
};

export const STATE_LABEL_EN: Readonly<Record<TallyKey, string>> = {
  done: 'done',
  overdue: 'overdue',
  due_soon: 'due soon',
  in_progress: 'in progress',
  upcoming: 'upcoming',
  ongoing: 'ongoing',
  no_deadline: 'no deadline',
  unknown: 'unreadable deadline',
};

export const STATE_COLUMN_EN: Readonly<Record<TallyKey, string>> = {
  done: 'Done',
  overdue: 'Overdue',
  due_soon: 'Due soon',
  in_progress: 'In progress',
  upcoming: 'Upcoming',
  ongoing: 'Ongoing',
  no_deadline: 'No deadline',
  unknown: 'Unreadable deadline',
};
