// «Решения из протокола» through the built Code.js: the real protocol texts pasted into the dialog's
// server function; the register's rows are the decisions the domain core reads from the text, and
// the core reads the register back as the same decisions.
import { formatRu, parseProtocol } from '@cluster/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SheetModel } from './fakes/model.ts';
import { AddonWorld } from './fakes/world.ts';
import { coreDocuments, ensureBuilt, sample } from './helpers.ts';

beforeAll(ensureBuilt);

interface ImportResult {
  added: number;
  sheetName: string;
  firstRow: number;
  problems: number;
}

const PROTOCOLS = [
  ['protocol-tomsk-industrial-2021.txt', '2021-11-01'],
  ['protocol-smolensk-transport-2019.txt', '2019-06-01'],
  ['protocol-smolensk-construction-2017.txt', '2017-12-01'],
] as const;

function rowsOf(sheet: SheetModel, from: number, count: number): string[][] {
  const out: string[][] = [];
  for (let r = from; r < from + count; r++) {
    const row: string[] = [];
    for (let c = 1; c <= 6; c++) row.push(String(sheet.value(r, c) ?? ''));
    out.push(row);
  }
  return out;
}

describe('decisions from a protocol', () => {
  it.each(PROTOCOLS)('%s: every decision the core reads becomes a register row', (file, today) => {
    const w = new AddonWorld({ now: `${today}T09:00:00Z` });
    w.model.addSheet('Лист1').edit(1, 1).value = 'Заметки координатора';
    const text = sample(file);
    const r = w.call<ImportResult>('importProtocol', text);
    const doc = parseProtocol(text, { today, soonDays: 14, period: null });
    expect(doc.items.length).toBeGreaterThan(0);
    expect(r).toEqual({
      added: doc.items.length,
      sheetName: 'Реестр решений',
      firstRow: 4,
      problems: doc.items.reduce((n, i) => n + i.problems.length, 0),
    });
    const register = w.model.sheets.find((s) => s.name === 'Реестр решений');
    if (!register) throw new Error('no register');
    expect(w.model.activeSheetId).toBe(register.id);
    const rows = rowsOf(register, 4, doc.items.length);
    rows.forEach((row, i) => {
      const item = doc.items[i];
      expect(row.slice(0, 4)).toEqual([
        String(i + 1),
        item.title,
        item.executors.join(', '),
        item.deadline.raw,
      ]);
      expect(row[5]).toBe('');
    });
    // The protocol column names the meeting as the text gives it.
    const m = doc.meeting;
    if (m?.number && m.date) expect(rows[0][4]).toBe(`№ ${m.number} от ${formatRu(m.date)}`);
    // Nothing else on the first sheet changed; nothing below the decisions.
    expect(w.model.sheets[0].value(1, 1)).toBe('Заметки координатора');
    expect(register.extent().rows).toBe(3 + doc.items.length);

    // The register is a table: read back, it is the same decisions with the same deadlines.
    const back = coreDocuments(register, today).flatMap((d) => d.items);
    expect(back.map((i) => [i.title, i.deadline.due])).toEqual(
      doc.items.map((i) => [i.title, i.deadline.due]),
    );
  });

  it("appends after the user's own rows in a register they renamed, numbering on from the largest", () => {
    const w = new AddonWorld({ now: '2021-11-01T09:00:00Z' });
    w.model.addSheet('Лист1');
    w.call('insertDecisionsTemplate');
    const register = w.model.activeSheet();
    register.name = 'Решения КС 2021';
    const own = [
      [
        '1',
        'Утвердить состав рабочей группы',
        'Председатель',
        'октябрь 2021',
        '№ 1 от 15.09.2021',
        'Выполнено',
      ],
      ['7', 'Провести ярмарку вакансий', 'ПОО', 'ноябрь 2021', '№ 1 от 15.09.2021', ''],
    ];
    own.forEach((row, i) => {
      row.forEach((v, c) => {
        register.edit(4 + i, c + 1).value = v;
      });
    });
    w.model.activeSheetId = w.model.sheets[0].id;
    const text = sample('protocol-tomsk-industrial-2021.txt');
    const r = w.call<ImportResult>('importProtocol', text);
    expect(r).toMatchObject({ sheetName: 'Решения КС 2021', firstRow: 6 });
    expect(w.model.sheets).toHaveLength(2);
    expect(rowsOf(register, 4, 2)).toEqual(own);
    expect(register.value(6, 1)).toBe('8');
    expect(register.value(5 + r.added, 1)).toBe(String(7 + r.added));
    // The template's dropdown still covers the appended rows' mark cells.
    expect(register.cell(6, 6)?.validation?.criteria).toBe('VALUE_IN_LIST');
  });
});
