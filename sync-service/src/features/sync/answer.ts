// The sync answer as bytes. Its rowIds and items are most of it (megabytes for a big sheet), and
// an identical resync answers with the very same arrays (the store's last answer), so their encoded
// JSON is kept per array and only the small head is serialised again. Answers are never mutated.
import type { SyncSummary } from '@cluster/shared';
import type { Response } from 'express';
import { arrayJson, sendEncoded } from '../../http/json-answer.ts';

const tails = new WeakMap<object, { rowIds: object; bytes: Buffer }>();

/** `{…head, "rowIds": […], "items": […]}` as one JSON document, in two buffers. */
export async function summaryJson(summary: SyncSummary): Promise<[Buffer, Buffer]> {
  const { rowIds, items, ...head } = summary;
  let tail = tails.get(items);
  if (!tail || tail.rowIds !== rowIds) {
    // The items in slices: a big sheet's answer is megabytes, and waiting requests get turns.
    const head = Buffer.from(`"rowIds":${JSON.stringify(rowIds)},"items":`, 'utf8');
    tail = { rowIds, bytes: Buffer.concat([head, ...(await arrayJson(items)), Buffer.from('}')]) };
    tails.set(items, tail);
  }
  const headText = JSON.stringify(head);
  return [Buffer.from(headText === '{}' ? '{' : `${headText.slice(0, -1)},`, 'utf8'), tail.bytes];
}

export async function sendSummary(res: Response, summary: SyncSummary): Promise<void> {
  await sendEncoded(res, 200, await summaryJson(summary));
}
