// A separate process for sync-processes.test.ts: opens the store named on the command line and
// syncs one sheet several times, alternating two versions; prints the summaries as JSON.

import { applySnapshot } from '../../src/app/sync-snapshot.ts';
import { openStore } from '../../src/store/store.ts';
import { cellsOf, doc, item } from './store-fixtures.ts';

const [configJson, who, times, startAt] = process.argv.slice(2);
const store = await openStore(JSON.parse(configJson));
// Both processes start syncing at the same moment.
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
const base = [
  item(5, '1.1', 'Утверждение плана работы кластера'),
  item(6, '1.2', 'Заседание координационного совета'),
  item(7, '1.3', 'Профориентационная неделя'),
];
const added = item(8, '1.4', `Мероприятие, добавленное процессом ${who}`);
const out = [];
try {
  for (let i = 0; i < Number(times); i++) {
    const items = i % 2 ? [...base, added] : base;
    const outcome = await applySnapshot(store, {
      cluster: 'kaluga',
      source: { kind: 'sheet', spreadsheetId: 'shared-sheet', sheetId: 0, sheetName: 'План' },
      documents: [doc(items)],
      cells: cellsOf(items),
      actor: `process-${who}`,
      today: '2024-03-01',
    });
    out.push(outcome.summary);
  }
} finally {
  await store.close();
}
process.stdout.write(JSON.stringify(out));
