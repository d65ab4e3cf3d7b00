// Dashboard sessions: a random id the browser holds in its cookie, stored here only as its sha256,
// bound to the token that signed in. Ends on logout, after the idle limit, or with its token.
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from './api.ts';
import type { Db } from './db.ts';

const hashOf = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex');

interface SessionRow {
  token_id: string;
  last_seen_at: string;
}

export function sessionsRepo(db: Db): Store['sessions'] {
  return {
    async create(tokenId) {
      const id = `css_${randomBytes(32).toString('base64url')}`;
      const at = new Date().toISOString();
      await db.run('INSERT INTO sessions (id_hash, token_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)', [
        hashOf(id),
        tokenId,
        at,
        at,
      ]);
      return id;
    },
    async find(id) {
      const [row] = await db.all<SessionRow>(
        'SELECT token_id, last_seen_at FROM sessions WHERE id_hash = ?',
        [hashOf(id)],
      );
      return row ? { tokenId: row.token_id, lastSeenAt: row.last_seen_at } : null;
    },
    async touch(id, at) {
      await db.run('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?', [at, hashOf(id)]);
    },
    async end(id) {
      await db.run('DELETE FROM sessions WHERE id_hash = ?', [hashOf(id)]);
    },
    async endForToken(tokenId) {
      await db.run('DELETE FROM sessions WHERE token_id = ?', [tokenId]);
    },
    async endIdle(before) {
      return db.run('DELETE FROM sessions WHERE last_seen_at < ?', [before]);
    },
  };
}
