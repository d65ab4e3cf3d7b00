// State colours shared by the add-in's highlighting, the XLSX reports and the dashboard, so that a
// reader sees the same colour for the same state everywhere. Hex RGB without alpha.
import type { TallyKey } from './tally.ts';

export const STATE_FILL: Readonly<Record<TallyKey, string>> = {
  overdue: '#F4CCCC',
  due_soon: '#FCE5CD',
  done: '#D9EAD3',
  unknown: '#EFEFEF',
  ongoing: '#FFFFFF',
  in_progress: '#FFFFFF',
  upcoming: '#FFFFFF',
  // Nothing is wrong with a decision that sets no deadline: no colour.
  no_deadline: '#FFFFFF',
};

/** Header fill of report tables (a neutral blue-grey that prints well in black and white). */
export const HEADER_FILL = '#D9E1F2';

/**
 * Deeper shades of the same hues for bars and charts (the dashboard, the report's chart): the cell
 * fills above are too faint for a thin bar; open states share a blue.
 */
export const STATE_BAR: Readonly<Record<TallyKey, string>> = {
  done: '#93C47D',
  overdue: '#E06666',
  due_soon: '#F6B26B',
  in_progress: '#9FC5E8',
  upcoming: '#CFE2F3',
  ongoing: '#B4A7D6',
  no_deadline: '#D9D9D9',
  unknown: '#B7B7B7',
};
