// onOpen runs in AuthMode.NONE: the fake throws on any property or document access there.
import { beforeAll, describe, expect, it } from 'vitest';
import type { MenuEntry } from './fakes/spreadsheet-app.ts';
import { AddonWorld } from './fakes/world.ts';
import { ensureBuilt } from './helpers.ts';

beforeAll(ensureBuilt);

function flatten(items: MenuEntry[]): { caption: string; fn: string }[] {
  return items.flatMap((i) => ('caption' in i ? [i] : 'submenu' in i ? flatten(i.items) : []));
}

describe('menu', () => {
  it('is built in AuthMode.NONE, in Russian, and every item names a global of Code.js', () => {
    const w = new AddonWorld({ authMode: 'NONE', locale: 'ru_RU' });
    w.call('onOpen', { authMode: 'NONE' });
    expect(w.ui.menus).toHaveLength(1);
    const items = flatten(w.ui.menus[0].items);
    expect(items.map((i) => i.caption)).toEqual([
      'Подсветить сроки',
      'Снять подсветку',
      'Проверить таблицу',
      'Синхронизировать',
      'Закрыть план (в архив)',
      'Дорожная карта',
      'План работы',
      'Реестр решений протоколов',
      'Решения из протокола',
      'Настройки кластера',
    ]);
    for (const i of items) expect(typeof (w.context as Record<string, unknown>)[i.fn]).toBe('function');
    expect(w.log.count('PropertiesService')).toBe(0);
    expect(w.log.byMethod['SpreadsheetApp.getActiveSpreadsheet']).toBeUndefined();
  });

  it('speaks English to other locales; onInstall builds the same menu', () => {
    const w = new AddonWorld({ authMode: 'NONE', locale: 'en_US' });
    w.call('onInstall', { authMode: 'NONE' });
    expect(flatten(w.ui.menus[0].items)[0].caption).toBe('Highlight deadlines');
    expect(w.ui.menus[0].items.find((i) => 'submenu' in i)).toMatchObject({ submenu: 'Insert template' });
  });
});
