// Writes by a table descriptor (table.ts).
import { insertMany, type Sql } from './db.ts';
import type { Table } from './table.ts';

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
