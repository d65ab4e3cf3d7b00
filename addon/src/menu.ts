// The add-on menu. Runs in AuthMode.NONE at open: no properties, no document reads — only the
// user's locale (which needs no authorisation) and the menu itself.
import { type Lang, langOf, MENU } from './i18n.ts';

export function userLang(): Lang {
  try {
    return langOf(Session.getActiveUserLocale());
  } catch {
    return 'ru';
  }
}

export function buildMenu(): void {
  const ui = SpreadsheetApp.getUi();
  const t = MENU[userLang()];
  ui.createAddonMenu()
    .addItem(t.highlight, 'highlightDeadlines')
    .addItem(t.clear, 'clearHighlight')
    .addItem(t.check, 'checkTable')
    .addSeparator()
    .addItem(t.sync, 'syncNow')
    .addSeparator()
    .addSubMenu(
      ui
        .createMenu(t.templates)
        .addItem(t.roadmap, 'insertRoadmapTemplate')
        .addItem(t.workPlan, 'insertWorkPlanTemplate')
        .addItem(t.decisions, 'insertDecisionsTemplate'),
    )
    .addItem(t.protocol, 'showProtocolDialog')
    .addSeparator()
    .addItem(t.settings, 'showSettings')
    .addToUi();
}
