// A table descriptor: the table's name and, for each column, how a written row fills it. Columns are
// named once, here; inserts and updates take their values by column name, never by position.
import type { Param } from './db.ts';

type Fill<R> = ((row: R) => Param) & { sqlType?: string };

/**
 * A non-text column: PostgreSQL types the parameters of `UPDATE … FROM (VALUES …)` as text, so an
 * update casts this column's values to its SQL type.
 */
export function typed<R>(sqlType: 'INTEGER' | 'BIGINT', fill: (row: R) => Param): Fill<R> {
  return Object.assign((row: R) => fill(row), { sqlType });
}

export interface Table<R, C extends string> {
  readonly name: string;
  readonly columns: readonly C[];
  /** The row's values in `columns` order (or in the order of the columns given). */
  values(row: R, columns?: readonly C[]): Param[];
  /** `?`, or `CAST(? AS type)` for a typed column. */
  placeholder(column: C): string;
}

export function tableOf<R>() {
  return <C extends string>(name: string, fill: Record<C, Fill<R>>): Table<R, C> => {
    const all = Object.keys(fill) as C[];
    return {
      name,
      columns: all,
      values: (row, columns = all) => columns.map((c) => fill[c](row)),
      placeholder: (c) => (fill[c].sqlType ? `CAST(? AS ${fill[c].sqlType})` : '?'),
    };
  };
}
