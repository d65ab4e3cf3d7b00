// The cost model (fakes/calls.ts): backend round trips of a use do not grow with the sheet, an
// unchanged sheet writes nothing, and an edit that cannot change a colour costs one read.
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, PLAN, worldWith } from './helpers.ts';

beforeAll(ensureBuilt);

const WRITE = /\.(set|insert|delete|hide|add)/;

describe('backend calls', () => {
  it('a repeated highlight + check on an unchanged sheet writes nothing and reads once per action', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    w.call('highlightDeadlines');
    w.call('checkTable');
    const first = w.log.backend();
    w.log.reset();
    w.call('highlightDeadlines');
    w.call('checkTable');
    expect(Object.keys(w.log.byMethod).filter((m) => WRITE.test(m) && !m.startsWith('HtmlOutput'))).toEqual(
      [],
    );
    expect(w.log.byMethod['Range.getValues']).toBe(2);
    expect(w.log.backend()).toBeLessThan(first);
    expect(w.log.backend()).toBeLessThanOrEqual(9);
  });

  it('onEdit of a column that holds no deadline, mark or number: one read, nothing else', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    w.call('highlightDeadlines');
    w.log.reset();
    w.model.activeSheet().edit(31, 3).value = 'Другой исполнитель';
    w.simpleTrigger('onEdit', { range: [31, 3] });
    expect(w.log.backend()).toBe(1);
    expect(w.log.byMethod['Properties.getProperties']).toBe(1);
  });

  it('onEdit of a mark re-highlights within the simple trigger budget', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    w.call('highlightDeadlines');
    w.log.reset();
    w.model.activeSheet().edit(31, 6).value = 'Выполнено';
    w.simpleTrigger('onEdit', { range: [31, 6] });
    expect(w.log.byMethod['Range.setValues']).toBe(1);
    expect(w.log.byMethod['Sheet.setConditionalFormatRules']).toBeUndefined(); // identical rules kept
    expect(w.log.elapsedMs).toBeGreaterThan(0);
    expect(w.log.elapsedMs).toBeLessThan(30_000);
  });
});
