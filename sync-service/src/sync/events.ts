// History events of one item between its stored row and the snapshot's item.
import { type Item, type Mark, type Problem, plannedDue } from '@cluster/shared';
import { decodeField, ITEM_FIELDS, type ItemContent, keepsHistory } from '../store/items-table.ts';
import type { ItemEvent, StoredContent } from '../store/sync-types.ts';

export type { ItemEvent };

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

const problemSet = (json: string): string =>
  JSON.stringify((JSON.parse(json) as Problem[]).map((p) => [p.code, p.column ?? null]));

export function itemEvents(
  itemId: string,
  before: StoredContent,
  item: Item,
  content: ItemContent,
): ItemEvent[] {
  const events: ItemEvent[] = [];
  const changed = (field: string, old: unknown, now: unknown) =>
    events.push({ itemId, type: 'changed', field, old, new: now });

  if (before.number !== item.number) changed('number', before.number, item.number);
  if (before.task !== item.task) changed('task', before.task, item.task);
  if (before.title !== item.title) changed('title', before.title, item.title);
  if (before.executors !== content.executors) changed('executors', parse(before.executors), item.executors);
  if (before.deadline !== content.deadline) changed('deadline', parse(before.deadline), item.deadline);
  if (before.result !== item.result) changed('result', before.result, item.result);
  if (before.mark !== content.mark) changed('mark', parse(before.mark), item.mark);
  if (before.extra !== content.extra) changed('extra', parse(before.extra), item.extra ?? null);
  ITEM_FIELDS.forEach((f, k) => {
    if (!keepsHistory(f)) return;
    // Drivers differ in what an INTEGER column comes back as; the text of the value is compared.
    const old = before[f.column] ?? null;
    const now = content.fields[k];
    if ((old === null ? null : String(old)) !== (now === null ? null : String(now)))
      changed(f.field, decodeField(f, old) ?? null, decodeField(f, now) ?? null);
  });
  // A problem's message names its row, so a row inserted above rewrites the text: only another
  // set of problems (code and column) is a change worth a history event. The text is stored anyway.
  if (before.problems !== content.problems && problemSet(before.problems) !== problemSet(content.problems))
    changed('problems', parse(before.problems), item.problems);

  const oldDeadline = parse(before.deadline) as { due: string | null };
  const oldMark = parse(before.mark) as Mark;
  const oldDue = plannedDue(oldDeadline, oldMark);
  const newDue = plannedDue(item.deadline, item.mark);
  // A move needs a due on both sides; a deadline appearing or vanishing shows as a `deadline` change.
  if (oldDue !== null && newDue !== null && oldDue !== newDue) {
    events.push({ itemId, type: 'deadline_moved', field: 'due', old: oldDue, new: newDue });
  }
  if (before.mark_status !== item.mark.status) {
    events.push({
      itemId,
      type: 'status_changed',
      field: 'mark.status',
      old: before.mark_status,
      new: item.mark.status,
    });
  }
  if (before.state !== item.state) {
    events.push({ itemId, type: 'status_changed', field: 'state', old: before.state, new: item.state });
  }
  return events;
}
