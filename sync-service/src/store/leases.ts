// Named leases for scheduled jobs: with several service processes on one store, one runs the job.

import type { Store } from './api.ts';
import type { Db } from './db.ts';

export function leasesRepo(db: Db): Store['leases'] {
  return {
    async tryAcquire(name, holder, ttlMs) {
      const now = Date.now();
      // One statement: the row is taken only when free, expired or already ours, so racers cannot both win.
      const rows = await db.all(
        `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE leases.expires_at <= ? OR leases.holder = excluded.holder
         RETURNING name`,
        [name, holder, now + Math.max(0, Math.round(ttlMs)), now],
      );
      return rows.length === 1;
    },
    async release(name, holder) {
      await db.run('DELETE FROM leases WHERE name = ? AND holder = ?', [name, holder]);
    },
  };
}
