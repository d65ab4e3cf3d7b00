// The reader process of sqlite-reader.ts: read-only connections to the SQLite files its parent
// names, answering one query per message in the order they come. It imports nothing of the
// project, so it starts in the time Node itself takes.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { ReaderReply, ReaderRequest } from './sqlite-reader.ts';

interface Connection {
  db: DatabaseSync;
  statements: Map<string, StatementSync>;
}

const open = new Map<string, Connection>();

function connection(file: string): Connection {
  let c = open.get(file);
  if (!c) {
    // Read-only: a statement that writes fails here instead of writing beside the service's
    // connection. WAL (set by the service's connection) lets it read while that one writes.
    const db = new DatabaseSync(file, { readOnly: true });
    db.exec('PRAGMA busy_timeout = 10000');
    c = { db, statements: new Map() };
    open.set(file, c);
  }
  return c;
}

function prepare(c: Connection, sql: string): StatementSync {
  let stmt = c.statements.get(sql);
  if (!stmt) {
    if (c.statements.size > 500) c.statements.clear();
    stmt = c.db.prepare(sql);
    c.statements.set(sql, stmt);
  }
  return stmt;
}

/**
 * Rows per message: the service deserialises each message in one go, so a large answer (a cold
 * start's rollups: 125,000 rows, 54 MB, most of a second to deserialise at once) comes in parts.
 */
const BATCH = 1_000;

function answer(request: ReaderRequest): ReaderReply {
  try {
    if (request.op === 'close') {
      const c = open.get(request.file);
      open.delete(request.file);
      c?.statements.clear();
      c?.db.close();
      return { id: request.id, ok: true, rows: [] };
    }
    let rows: unknown[] = [];
    for (const row of prepare(connection(request.file), request.sql).iterate(...request.params)) {
      rows.push(row);
      if (rows.length === BATCH) {
        process.send?.({ id: request.id, ok: true, rows, more: true } satisfies ReaderReply);
        rows = [];
      }
    }
    return { id: request.id, ok: true, rows };
  } catch (error) {
    const e = error as Error & { code?: unknown; errcode?: unknown; errstr?: unknown };
    return {
      id: request.id,
      ok: false,
      error: {
        message: e instanceof Error ? e.message : String(error),
        ...(typeof e.code === 'string' ? { code: e.code } : {}),
        ...(typeof e.errcode === 'number' ? { errcode: e.errcode } : {}),
        ...(typeof e.errstr === 'string' ? { errstr: e.errstr } : {}),
      },
    };
  }
}

// A parent that is gone wants no answers.
process.once('disconnect', () => process.exit(0));
process.on('message', (request: ReaderRequest) => {
  process.send?.(answer(request));
});
