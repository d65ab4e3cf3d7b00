// Invariants of recognition on arbitrary grids: it never throws, every document is valid, and a
// row that holds text inside a table is accounted for (an item, a section heading or unplaced).
import {
  type Cell,
  cellText,
  classifyHeader,
  DocumentSchema,
  type Grid,
  isColumnNumbersRow,
  isSectionText,
  oneLine,
  parseProtocol,
  readNumber,
  recognizeTables,
} from '@cluster/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from './fc-env.ts';

const words = [
  '№',
  '№ п/п',
  'Мероприятие',
  'Исполнитель',
  'Срок',
  'Результат',
  'Статус',
  'Задача 1. Кадры',
  'II. Раздел',
  '1.',
  '1.1.',
  '2.10',
  'март 2021',
  'в течение года',
  'ежемесячно',
  'КС',
  'выполнено',
  'Дорожная карта на 2021 год',
  'УТВЕРЖДАЮ',
  '',
  '  ',
  '1',
  '2',
];
const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constantFrom(...words),
  fc.string({ maxLength: 12 }),
  fc.double({ noNaN: false }),
  fc.integer({ min: -5, max: 50000 }),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: false }),
);
const header: Cell[] = ['№', 'Мероприятие', 'Исполнитель', 'Срок', 'Результат'];
const grid: fc.Arbitrary<Grid> = fc
  .tuple(
    fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 25 }),
    fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 25 }),
    fc.boolean(),
  )
  .map(([above, below, withHeader]) => (withHeader ? [...above, header, ...below] : [...above, ...below]));

describe('recognizeTables on arbitrary grids', () => {
  it('never throws and gives valid documents with items inside the grid', () => {
    fc.assert(
      fc.property(grid, (g) => {
        const docs = recognizeTables(g, { today: '2021-06-15' });
        for (const doc of docs) {
          const parsed = DocumentSchema.safeParse(doc);
          expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
          for (const item of doc.items) {
            expect(item.row).toBeGreaterThanOrEqual(1);
            expect(item.row).toBeLessThanOrEqual(g.length);
          }
        }
      }),
      { numRuns: runs(300) },
    );
  });

  it('accounts for every filled row under the only header', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 30 }), (body) => {
        // Keep rows from reading as a second header so there is exactly one table.
        const rows = body.filter((r) => !r.some((c) => typeof c === 'string' && classifyHeader(c) !== null));
        const g: Grid = [header, ...rows];
        const docs = recognizeTables(g, { today: '2021-06-15' });
        expect(docs).toHaveLength(1);
        const doc = docs[0];
        const placed = new Set([...doc.items.map((i) => i.row), ...(doc.unplaced ?? []).map((u) => u.row)]);
        const tasks = new Set(doc.items.map((i) => i.task));
        let firstFilled = true;
        // Rows under the header (which may take a second row of header words).
        for (let r = doc.table?.headerRows ?? 1; r < g.length; r++) {
          const texts = g[r].map((c) => oneLine(cellText(c)));
          const filled = [...new Set(texts.filter(Boolean))];
          if (filled.length === 0) continue;
          const columnNumbers = firstFilled && isColumnNumbersRow(g[r]);
          firstFilled = false;
          if (placed.has(r + 1) || columnNumbers) continue;
          // Otherwise only a heading: by its wording, or a numbered heading that became a task.
          const joined = filled.join(' ');
          const number = readNumber(g[r][0], texts[0] ?? '', null);
          const heading =
            isSectionText(joined) || tasks.has(joined) || tasks.has(`${number}. ${texts[1] ?? ''}`);
          expect(heading, `row ${r + 1}: ${joined}`).toBe(true);
        }
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('parseProtocol on arbitrary text', () => {
  it('never throws and gives a valid document', () => {
    const line = fc.oneof(
      fc.constantFrom(
        'ПРОТОКОЛ № 3',
        'Решили:',
        'Присутствовали:',
        'Повестка:',
        '1. Сделать.',
        '1.1. Подготовить.',
        'Срок: до 01.12.2021',
        'Ответственный – Иванов И.И., срок до 01.12.2021.',
        '22 октября 2021 г.',
        'г. Томск',
        'Секретарь',
        '',
      ),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const doc = parseProtocol(lines.join('\n'), { today: '2021-06-15' });
        expect(DocumentSchema.safeParse(doc).success).toBe(true);
      }),
      { numRuns: runs(300) },
    );
  });
});
