// When a sync run finishes: now, but always after the source's previous run, so that "newest first"
// is the commit order even when two runs end within one millisecond (or a clock steps back).
import type { Sql } from './db.ts';

export async function finishTime(sql: Sql, sourceId: string): Promise<string> {
  const [last] = await sql.all<{ finished_at: string | null }>(
    'SELECT MAX(finished_at) AS finished_at FROM sync_runs WHERE source_id = ?',
    [sourceId],
  );
  const now = Date.now();
  const previous = last?.finished_at ? Date.parse(last.finished_at) : Number.NEGATIVE_INFINITY;
  return new Date(Math.max(now, previous + 1)).toISOString();
}
