// A table descriptor: the table's name and, for each column, how a written row fills it. Columns are
// named once, here; inserts and updates take their values by column name, never by position.
import { insertMany, type Param, type Sql } from './db.ts';

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

/** INSERT of many rows by the table's descriptor, in as few statements as the backend allows. */
export function insertRows<R, C extends string>(
  sql: Sql,
  maxParams: number,
  table: Table<R, C>,
  rows: readonly R[],
): Promise<number> {
  return insertMany(
    sql,
    maxParams,
    table.name,
    table.columns,
    rows.map((r) => table.values(r)),
  );
}
