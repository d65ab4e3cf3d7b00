// The sync answer as JSON text. Its rowIds and items are most of it (megabytes for a big sheet),
// and an identical resync answers with the very same arrays (the store's last answer), so their
// text is kept per array and only the small head is serialised again. Answers are never mutated.
import type { SyncSummary } from '@cluster/shared';

const tails = new WeakMap<object, { rowIds: object; text: string }>();

export function summaryJson(summary: SyncSummary): string {
  const { rowIds, items, ...head } = summary;
  let tail = tails.get(items);
  if (!tail || tail.rowIds !== rowIds) {
    tail = { rowIds, text: `"rowIds":${JSON.stringify(rowIds)},"items":${JSON.stringify(items)}` };
    tails.set(items, tail);
  }
  const headText = JSON.stringify(head);
  return headText === '{}' ? `{${tail.text}}` : `${headText.slice(0, -1)},${tail.text}}`;
}
