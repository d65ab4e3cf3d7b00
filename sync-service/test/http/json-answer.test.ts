// Answers encoded in slices: the same text as JSON.stringify, with turns of the event loop between.
import { describe, expect, it } from 'vitest';
import { answerJson, arrayJson } from '../../src/http/json-answer.ts';

describe('answers as JSON in slices', () => {
  const rows = Array.from({ length: 9_001 }, (_, i) => ({
    id: `d${i}`,
    title: `Документ «${i}» \u2028`,
    items: i,
    at: new Date(Date.UTC(2026, 0, 1 + (i % 300))),
    gone: undefined,
    archived: i % 7 === 0 ? null : undefined,
  }));

  it('give the very text JSON.stringify gives', async () => {
    for (const answer of [
      { documents: rows, total: rows.length, note: undefined, nested: { list: [1, 2] } },
      rows,
      { documents: [] },
      [],
      'text',
      null,
      { when: new Date(0) },
      new Date(0),
    ])
      expect(await answerJson(answer)).toBe(JSON.stringify(answer));
    expect(await arrayJson([undefined, () => 1, 2])).toBe(JSON.stringify([undefined, () => 1, 2]));
  });

  it('let the event loop turn while a long array is encoded', async () => {
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    try {
      await arrayJson(rows);
    } finally {
      clearInterval(timer);
    }
    expect(turns).toBeGreaterThan(1);
  });
});
