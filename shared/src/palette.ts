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
