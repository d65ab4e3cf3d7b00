// A table descriptor: the table's name and, for each column, how a written row fills it. Columns are
// named once, here; inserts and updates take their values by column name, never by position.
import type { Param } from './db.ts';

export interface Table<R, C extends string> {
  readonly name: string;
  readonly columns: readonly C[];
  /** The row's values in `columns` order (or in the order of the columns given). */
  values(row: R, columns?: readonly C[]): Param[];
}

export function tableOf<R>() {
  return <C extends string>(name: string, fill: Record<C, (row: R) => Param>): Table<R, C> => {
    const all = Object.keys(fill) as C[];
    return {
      name,
      columns: all,
      values: (row, columns = all) => columns.map((c) => fill[c](row)),
    };
  };
}
