// State colours shared by the add-in's highlighting, the XLSX reports and the dashboard, so that a
// reader sees the same colour for the same state everywhere. Hex RGB without alpha.
import type { ItemState } from './model.ts';

export const STATE_FILL: Readonly<Record<ItemState, string>> = {
  overdue: '#F4CCCC',
  due_soon: '#FCE5CD',
  done: '#D9EAD3',
  unknown: '#EFEFEF',
  ongoing: '#FFFFFF',
  in_progress: '#FFFFFF',
  upcoming: '#FFFFFF',
};

/** Russian label of each state, as reports and the dashboard show it. */
export const STATE_LABEL_RU: Readonly<Record<ItemState, string>> = {
  done: 'выполнено',
  overdue: 'просрочено',
  due_soon: 'скоро срок',
  in_progress: 'в работе',
  upcoming: 'предстоит',
  ongoing: 'постоянно',
  unknown: 'срок не распознан',
};

/** English label of each state, for readers whose language is not Russian. */
export const STATE_LABEL_EN: Readonly<Record<ItemState, string>> = {
  done: 'done',
  overdue: 'overdue',
  due_soon: 'due soon',
  in_progress: 'in progress',
  upcoming: 'upcoming',
  ongoing: 'ongoing',
  unknown: 'unreadable deadline',
};

/** Header fill of report tables (a neutral blue-grey that prints well in black and white). */
export const HEADER_FILL = '#D9E1F2';
