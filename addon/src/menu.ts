// The add-on menu. Runs in AuthMode.NONE at open: no properties, no document reads — only the
// user's locale (which needs no authorisation) and the menu itself.
import { BOUND_SCRIPT } from './deployment.ts';
import { APP_TITLE, ui, userLocale } from './gas.ts';
import { type Lang, langOf, MENU } from './i18n.ts';

export function userLang(): Lang {
  return langOf(userLocale());
}

export function buildMenu(): void {
  const u = ui();
  const t = MENU[userLang()];
  // The template spreadsheet's bound script has no add-on menu: its own menu in the menu bar.
  (BOUND_SCRIPT ? u.createMenu(APP_TITLE) : u.createAddonMenu())
    .addItem(t.highlight, 'highlightDeadlines')
    .addItem(t.clear, 'clearHighlight')
    .addItem(t.check, 'checkTable')
    .addSeparator()
    .addItem(t.sync, 'syncNow')
    .addSeparator()
    .addSubMenu(
      u
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
