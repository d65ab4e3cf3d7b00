// Every item of the add-on menu, found in the menu onOpen builds and run through the built Code.js
// on the sample tables; and the document lock: every write happens while it is held, and a lock
// held by someone else gives a clear Russian message and leaves the document as it was.
import { beforeAll, describe, expect, it } from 'vitest';
import type { MenuEntry } from './fakes/spreadsheet-app.ts';
import type { AddonWorld } from './fakes/world.ts';
import { ensureBuilt, PLAN, ROADMAP, sample, worldWith } from './helpers.ts';
import { modelJson } from './user-formatting.ts';

beforeAll(ensureBuilt);

const PROTOCOL = 'protocol-tomsk-industrial-2021.txt';
const LOCKED = 'Таблицу сейчас изменяет другой пользователь или задача. Повторите через минуту.';
const FORM = {
  serviceUrl: 'https://cluster.example.ru',
  cluster: 'tomsk-build',
  token: 'cst_walk_token_0001',
  periodStart: '',
  periodEnd: '',
  soonDays: '14',
  autoDaily: true,
};

function flatten(items: MenuEntry[]): { caption: string; fn: string }[] {
  return items.flatMap((i) => ('caption' in i ? [i] : 'submenu' in i ? flatten(i.items) : []));
}

/** A world with both sample tables, as a coordinator's spreadsheet might hold them. */
function twoSamples(now = '2021-06-01T09:00:00Z'): AddonWorld {
  const w = worldWith(ROADMAP, { now });
  w.addSheetFromTsv('План работы', sample(PLAN));
  w.model.activeSheetId = w.model.sheets[0].id;
  return w;
}

/** Records every Spreadsheet/Properties/trigger write made while the document lock is not held. */
function writesOutsideLock(w: AddonWorld): string[] {
  const outside: string[] = [];
  const WRITE =
    /^(Range|Sheet|Spreadsheet)\.(set|insert|delete|hide|add|clear|remove|merge|sort|move)|^Properties\.(set|delete)|^ScriptApp\.(newTrigger|deleteTrigger)|^ClockTriggerBuilder\.create/;
  const record = w.log.record.bind(w.log);
  w.log.record = (service: string, method: string) => {
    record(service, method);
    if (WRITE.test(method) && !w.services.lockHeld) outside.push(method);
  };
  return outside;
}

describe('every menu item end to end', () => {
  it('walks the whole menu on the sample tables; every write holds the document lock', () => {
    const w = twoSamples();
    w.authMode = 'NONE';
    w.call('onOpen', { authMode: 'NONE' });
    w.authMode = 'FULL';
    const items = flatten(w.ui.menus[0].items);
    const run = new Set<string>();
    const outside = writesOutsideLock(w);
    const click = (caption: string): void => {
      const item = items.find((i) => i.caption === caption);
      if (!item) throw new Error(`no menu item ${caption}`);
      run.add(item.fn);
      w.call(item.fn);
    };
    const roadmap = w.model.sheets[0];
    const plan = w.model.sheets[1];

    click('Подсветить сроки');
    expect(w.ui.toasts.at(-1)?.message).toMatch(/^Пунктов: \d+\. просрочено: \d+ · скоро срок: \d+/i);
    expect(roadmap.rules).toHaveLength(4);

    w.model.activeSheetId = plan.id;
    click('Подсветить сроки');
    expect(plan.rules).toHaveLength(4);
    click('Снять подсветку');
    expect(w.ui.toasts.at(-1)?.message).toBe('Подсветка снята.');
    expect(plan.rules).toHaveLength(0);
    expect(roadmap.rules).toHaveLength(4); // only the active sheet

    click('Проверить таблицу');
    expect(w.ui.sidebars.at(-1)).toMatchObject({ file: 'check', title: 'Проверка таблицы' });
    const check = w.call<{ sheetName: string; items: number; markColumn: number | null }>('listProblems');
    expect(check).toMatchObject({ sheetName: 'План работы', markColumn: 6 });
    expect(check.items).toBeGreaterThan(10);

    click('Синхронизировать');
    expect(w.ui.alerts.at(-1)?.message).toMatch(/^Синхронизация не настроена/); // sync-e2e covers the rest
    click('Закрыть план (в архив)');
    expect(w.ui.alerts.at(-1)?.message).toMatch(/^Синхронизация не настроена/); // asks nothing before

    for (const [caption, name] of [
      ['Дорожная карта', 'Дорожная карта'],
      ['План работы', 'План работы (2)'],
      ['Реестр решений протоколов', 'Реестр решений'],
    ]) {
      click(caption);
      expect(w.ui.toasts.at(-1)?.message).toBe('Шаблон вставлен на новый лист.');
      expect(w.model.activeSheet().name).toBe(name);
    }

    click('Решения из протокола');
    expect(w.ui.dialogs.at(-1)).toMatchObject({ file: 'protocol', title: 'Решения из протокола' });
    expect(w.ui.dialogs.at(-1)?.html).toContain('importProtocol');
    const imported = w.call<{ added: number; sheetName: string; firstRow: number }>(
      'importProtocol',
      sample(PROTOCOL),
    );
    // The register the template item made is the one the decisions go to.
    expect(imported).toMatchObject({ sheetName: 'Реестр решений', firstRow: 4 });
    expect(w.model.sheets.filter((s) => s.name.startsWith('Реестр решений'))).toHaveLength(1);

    w.model.activeSheetId = roadmap.id;
    click('Настройки кластера');
    expect(w.ui.sidebars.at(-1)).toMatchObject({ file: 'settings', title: 'Настройки кластера' });
    expect(w.call('saveSettings', FORM)).toMatchObject({ cluster: 'tomsk-build', autoDaily: true });
    expect(w.services.triggers).toHaveLength(1);
    w.call('saveSettings', { ...FORM, autoDaily: false });
    expect(w.services.triggers).toHaveLength(0);

    expect([...run].sort()).toEqual([...new Set(items.map((i) => i.fn))].sort());
    expect(w.ui.alerts).toHaveLength(2); // the ones about sync settings
    expect(outside).toEqual([]);
    expect(w.services.lockHeld).toBe(false);
  });

  it('the daily trigger writes only under the lock, apart from its one-line report', () => {
    const w = twoSamples();
    w.call('saveSettings', { ...FORM, serviceUrl: '' });
    const outside = writesOutsideLock(w);
    w.runTimeTrigger(w.services.triggers[0].id);
    expect(w.model.sheets[0].rules).toHaveLength(4);
    // The lock lasts to the end of the execution (no releaseLock): the one-line report, written
    // after the work whether or not the lock was had, is under it here too.
    expect(outside).toEqual([]);
  });

  it('the daily trigger on a deleted sheet records what to do', () => {
    const w = twoSamples();
    w.model.activeSheetId = w.model.sheets[1].id;
    w.call('saveSettings', { ...FORM, serviceUrl: '' });
    w.model.sheets.splice(1, 1);
    w.model.activeSheetId = w.model.sheets[0].id;
    w.runTimeTrigger(w.services.triggers[0].id);
    expect(w.services.documentProperties.get('cluster.lastDailyRun')).toMatch(
      /ошибка: лист из настроек удалён: откройте нужный лист и сохраните «Настройки кластера»$/,
    );
    expect(w.model.sheets[0].rules).toHaveLength(0);
  });
});

describe('a document lock held by someone else', () => {
  // Each writer, set up so that it would write if it got the lock.
  const writers: [string, (w: AddonWorld) => unknown][] = [
    [
      'Подсветить сроки (on a later day, so there is something to write)',
      (w) => {
        w.setNow('2021-09-01T09:00:00Z');
        return w.call('highlightDeadlines');
      },
    ],
    ['Снять подсветку', (w) => w.call('clearHighlight')],
    ['Синхронизировать', (w) => w.call('syncNow')],
    ['Дорожная карта', (w) => w.call('insertRoadmapTemplate')],
    ['План работы', (w) => w.call('insertWorkPlanTemplate')],
    ['Реестр решений протоколов', (w) => w.call('insertDecisionsTemplate')],
    ['listProblems (mark dropdown)', (w) => w.call('listProblems')],
    ['importProtocol', (w) => w.call('importProtocol', sample(PROTOCOL))],
    ['saveSettings', (w) => w.call('saveSettings', { ...FORM, cluster: 'other-cluster' })],
  ];

  it.each(writers)('%s: a clear Russian message, nothing changed', (_name, act) => {
    const w = twoSamples();
    w.model.activeSheetId = w.model.sheets[1].id; // the plan: it has a mark column
    w.call('saveSettings', { ...FORM, autoDaily: false });
    w.call('highlightDeadlines');
    const before = modelJson(w);
    const props = JSON.stringify([...w.services.documentProperties]);
    const alerts = w.ui.alerts.length;
    w.services.lockBusy = true;
    let thrown: unknown = null;
    try {
      act(w);
    } catch (e) {
      thrown = e;
    }
    // Menu items show it in a dialog; google.script.run targets throw it to the page's failure handler.
    const message = thrown ? (thrown as Error).message : w.ui.alerts.at(-1)?.message;
    expect(message).toBe(LOCKED);
    if (!thrown) expect(w.ui.alerts).toHaveLength(alerts + 1);
    expect(modelJson(w)).toBe(before);
    expect(JSON.stringify([...w.services.documentProperties])).toBe(props);
    expect(w.services.fetches).toEqual([]);
  });

  it('the daily trigger records the same message and changes nothing else', () => {
    const w = twoSamples();
    w.call('saveSettings', { ...FORM, serviceUrl: '' });
    const before = modelJson(w);
    w.services.lockBusy = true;
    w.runTimeTrigger(w.services.triggers[0].id);
    expect(w.services.documentProperties.get('cluster.lastDailyRun')).toMatch(
      new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\S+ ошибка: ${LOCKED.replace(/\./g, '\\.')}$`),
    );
    expect(modelJson(w)).toBe(before);
  });
});
