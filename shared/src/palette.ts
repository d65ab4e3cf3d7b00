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

/** Header fill of report tables (a neutral blue-grey that prints well in black and white). */
export const HEADER_FILL = '#D9E1F2';

/**
 * Deeper shades of the same hues for bars and charts (the dashboard, the report's chart): the cell
 * fills above are too faint for a thin bar; open states share a blue.
 */
export const STATE_BAR: Readonly<Record<ItemState, string>> = {
  done: '#93C47D',
  overdue: '#E06666',
  due_soon: '#F6B26B',
  in_progress: '#9FC5E8',
  upcoming: '#CFE2F3',
  ongoing: '#B4A7D6',
  unknown: '#B7B7B7',
};

/** The order states are counted and drawn in: the report's «Сводка», the dashboard, the charts. */
export const STATE_ORDER: readonly ItemState[] = [
  'done',
  'overdue',
  'due_soon',
  'in_progress',
  'upcoming',
  'ongoing',
  'unknown',
];
