// POST /api/v1/sync: one sheet's snapshot from the add-in (or the service's own pull).
import { SyncPayloadSchema, SyncSummarySchema } from '@cluster/shared';
import { actorOf, clusterFor } from '../../app/access.ts';
import { payloadReadAs, readSyncBodyOffThread } from '../../app/sheet-read.ts';
import { syncSheet } from '../../app/sync-sheet.ts';
import { feature } from '../../http/feature.ts';
import { notJson } from '../../http/json-body.ts';
import { route } from '../../http/route.ts';
import { invalidInput } from '../../http/validate.ts';
import { sendSummary } from './answer.ts';

const sync = route(
  {
    method: 'post',
    path: '/sync',
    summary: 'Снимок одного листа: строки таблицы сверху вниз (rows[N-1] — строка N листа)',
    tags: ['sync'],
    access: 'cluster',
    body: SyncPayloadSchema,
    responses: { 200: SyncSummarySchema, 404: true, 413: true, 415: true, 422: true },
    // Megabytes of rows are parsed, validated and recognised in a child process (app/sheet-read.ts).
    largeBody: async (bytes, services) => {
      const context = { today: services.today(), soonDays: services.config.soonDays };
      const got = await readSyncBodyOffThread(bytes, context);
      if (got.ok) return payloadReadAs(got.head, got.read, context);
      throw 'json' in got ? notJson(got.json) : invalidInput(got.issues);
    },
  },
  async ({ body, principal, services, res }) => {
    const cluster = await clusterFor(services, principal, body.cluster, 'write');
    const summary = await services.inflight.run(() => syncSheet(services, cluster, body, actorOf(principal)));
    // The answer is written as pre-encoded bytes (answer.ts), not through res.json.
    await sendSummary(res, summary);
  },
);

export const syncFeature = feature({ name: 'sync', mount: '/api/v1', routes: [sync] });
