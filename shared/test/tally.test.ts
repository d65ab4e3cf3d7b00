// Decisions that set no deadline (kind `none`) against deadlines missing where one is expected.
import { emptyTally, recognizeTables, STATE_LABEL_RU, TALLY_ORDER, tallyKeyOf } from '@cluster/shared';
import { describe, expect, it } from 'vitest';

const today = { today: '2021-06-01' };
const codes = (i: { problems: { code: string }[] }) => i.problems.map((p) => p.code);

describe('no deadline', () => {
  it('a decisions register with an empty deadline cell: none, no missing_deadline', () => {
    const [doc] = recognizeTables(
      [
        ['Реестр решений координационного совета'],
        ['№', 'Решение', 'Ответственный', 'Срок'],
        ['1', 'Принять к сведению', 'КС', ''],
        ['2', 'Подготовить отчёт', 'КС', 'май 2021'],
      ],
      today,
    );
    expect(doc.kind).toBe('decisions_register');
    expect(doc.items.map((i) => [i.deadline.kind, codes(i)])).toEqual([
      ['none', []],
      ['month', []],
    ]);
    expect(doc.items[0].state).toBe('unknown');
    expect(tallyKeyOf(doc.items[0].state, doc.items[0].deadline)).toBe('no_deadline');
  });

  it('a plan expects a deadline: an empty cell is unknown with missing_deadline', () => {
    const [doc] = recognizeTables(
      [
        ['План работы кластера на 2021 год'],
        ['№', 'Мероприятие', 'Ответственный', 'Срок'],
        ['1', 'Совещание', 'КС', ''],
      ],
      today,
    );
    expect(doc.kind).toBe('work_plan');
    expect([doc.items[0].deadline.kind, codes(doc.items[0])]).toEqual(['unknown', ['missing_deadline']]);
    expect(tallyKeyOf(doc.items[0].state, doc.items[0].deadline)).toBe('unknown');
  });

  it('counts keep «без срока» apart from «срок не распознан», in one order', () => {
    expect(TALLY_ORDER.indexOf('no_deadline')).toBe(TALLY_ORDER.indexOf('unknown') - 1);
    expect(STATE_LABEL_RU.no_deadline).toBe('без срока');
    expect(Object.keys(emptyTally())).toEqual([...TALLY_ORDER]);
    expect(tallyKeyOf('done', { kind: 'none' })).toBe('done');
  });
});
