// «Вставить шаблон» and «Решения из протокола».
import { beforeAll, describe, expect, it } from 'vitest';
import { AddonWorld } from './fakes/world.ts';
import { ensureBuilt, sample } from './helpers.ts';

beforeAll(ensureBuilt);

describe('templates', () => {
  it.each([
    ['insertRoadmapTemplate', 'Дорожная карта', 'Наименование мероприятия'],
    ['insertWorkPlanTemplate', 'План работы', 'Мероприятие'],
    ['insertDecisionsTemplate', 'Реестр решений', 'Решение'],
  ])(
    '%s: header, widths, frozen header, mark dropdown, and the core recognises it',
    (fn, name, titleHeader) => {
      const w = new AddonWorld({ now: '2024-10-01T09:00:00Z' });
      w.model.addSheet('Лист1');
      w.call(fn);
      const sheet = w.model.sheets.find((s) => s.name === name);
      expect(sheet).toBeDefined();
      if (!sheet) return;
      expect(w.model.activeSheetId).toBe(sheet.id);
      expect(sheet.value(3, 2)).toBe(titleHeader);
      expect(sheet.value(3, 6)).toBe('Отметка о выполнении');
      expect(sheet.frozenRows).toBe(3);
      expect(Object.keys(sheet.columnWidths)).toHaveLength(6);
      expect(sheet.cell(4, 6)?.validation?.criteria).toBe('VALUE_IN_LIST');
      expect(sheet.cell(3, 1)?.fontWeight).toBe('bold');
      // Fill one row as a user would; the check then finds one item and no problems.
      ['1.', 'Заседание совета', 'Председатель', 'декабрь 2024', 'Протокол', ''].forEach((v, i) => {
        sheet.edit(4, i + 1).value = v;
      });
      const r = w.call<{ items: number; problems: unknown[]; markColumn: number }>('listProblems');
      expect(r).toMatchObject({ items: 1, problems: [], markColumn: 6 });
      // A second insert does not collide with the first sheet's name.
      w.call(fn);
      expect(w.model.sheets.map((s) => s.name)).toContain(`${name} (2)`);
    },
  );
});

describe('decisions from a protocol', () => {
  it('opens the dialog', () => {
    const w = new AddonWorld();
    w.model.addSheet('Лист1');
    w.call('showProtocolDialog');
    expect(w.ui.dialogs[0]).toMatchObject({ title: 'Решения из протокола', file: 'protocol' });
  });

  it('appends the decisions to the register (created when missing), numbering on', () => {
    const w = new AddonWorld({ now: '2021-11-01T09:00:00Z' });
    w.model.addSheet('Лист1');
    const text = sample('protocol-tomsk-industrial-2021.txt');
    const first = w.call<{ added: number; sheetName: string; firstRow: number }>('importProtocol', text);
    expect(first.sheetName).toBe('Реестр решений');
    expect(first.firstRow).toBe(4);
    expect(first.added).toBeGreaterThan(0);
    const sheet = w.model.sheets.find((s) => s.name === 'Реестр решений');
    if (!sheet) throw new Error('no register');
    expect(sheet.value(4, 1)).toBe('1');
    expect(String(sheet.value(4, 2)).length).toBeGreaterThan(10);
    expect(sheet.value(4, 5)).toBe('№ 2 от 22.10.2021');
    const second = w.call<{ added: number; firstRow: number }>(
      'importProtocol',
      sample('protocol-smolensk-transport-2019.txt'),
    );
    expect(second.firstRow).toBe(4 + first.added);
    expect(sheet.value(second.firstRow, 1)).toBe(String(first.added + 1));
    // One register, found again by its developer metadata.
    expect(w.model.sheets.filter((s) => s.name.startsWith('Реестр решений'))).toHaveLength(1);
    // The register is a table the core reads back: every decision is an item.
    w.model.activeSheetId = sheet.id;
    const r = w.call<{ items: number }>('listProblems');
    expect(r.items).toBe(first.added + second.added);
  });

  it('refuses empty text and text without decisions, writing nothing', () => {
    const w = new AddonWorld();
    w.model.addSheet('Лист1');
    expect(() => w.call('importProtocol', '   ')).toThrow('Вставьте текст протокола.');
    expect(() => w.call('importProtocol', 'Просто заметки о встрече')).toThrow(/не найдено решений/);
    expect(w.model.sheets).toHaveLength(1);
  });
});
