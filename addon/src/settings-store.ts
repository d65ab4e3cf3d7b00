// Cluster settings in the document's properties. The token is written but never read back to the
// browser in full: getSettings shows its last four characters only.
import { DEFAULT_SOON_DAYS, isSlug, isValidIso, type Period } from '@cluster/shared';
import { SERVICE_PREFIX } from './deployment.ts';
import { documentProperties, SPREADSHEET_ID_KEY } from './gas.ts';

export interface Settings {
  serviceUrl: string;
  cluster: string;
  token: string;
  period: Period | null;
  soonDays: number;
  autoDaily: boolean;
  /** Sheet the daily run highlights and syncs (the active one when settings were saved). */
  sheetId: number | null;
  /** Unique id of the one daily trigger that should run (see triggers.ts). */
  dailyTrigger: string;
  /** What the last daily run and the last failed trigger recorded (shown in the settings). */
  lastDailyRun: string;
  lastTriggerError: string;
}

const K = {
  serviceUrl: 'cluster.serviceUrl',
  cluster: 'cluster.slug',
  token: 'cluster.token',
  periodStart: 'cluster.periodStart',
  periodEnd: 'cluster.periodEnd',
  soonDays: 'cluster.soonDays',
  autoDaily: 'cluster.autoDaily',
  sheetId: 'cluster.sheetId',
  dailyTrigger: 'cluster.dailyTrigger',
  lastDailyRun: 'cluster.lastDailyRun',
  lastTriggerError: 'cluster.lastTriggerError',
} as const;

/** Settings from the document's properties (pass them when already read: one call for all). */
export function readSettings(p: Record<string, string> = documentProperties().getProperties()): Settings {
  const start = p[K.periodStart] ?? '';
  const end = p[K.periodEnd] ?? '';
  const soon = Number(p[K.soonDays]);
  return {
    serviceUrl: p[K.serviceUrl] ?? '',
    cluster: p[K.cluster] ?? '',
    token: p[K.token] ?? '',
    period: isValidIso(start) && isValidIso(end) ? { start, end } : null,
    soonDays: p[K.soonDays] !== undefined && Number.isInteger(soon) ? soon : DEFAULT_SOON_DAYS,
    autoDaily: p[K.autoDaily] === 'true',
    sheetId: p[K.sheetId] !== undefined && p[K.sheetId] !== '' ? Number(p[K.sheetId]) : null,
    dailyTrigger: p[K.dailyTrigger] ?? '',
    lastDailyRun: p[K.lastDailyRun] ?? '',
    lastTriggerError: p[K.lastTriggerError] ?? '',
  };
}

/** Stores the settings, with the document's id for triggers that have no active document. */
export function writeSettings(s: Settings, spreadsheetId: string): void {
  documentProperties().setProperties(
    {
      [SPREADSHEET_ID_KEY]: spreadsheetId,
      [K.serviceUrl]: s.serviceUrl,
      [K.cluster]: s.cluster,
      [K.token]: s.token,
      [K.periodStart]: s.period?.start ?? '',
      [K.periodEnd]: s.period?.end ?? '',
      [K.soonDays]: String(s.soonDays),
      [K.autoDaily]: String(s.autoDaily),
      [K.sheetId]: s.sheetId === null ? '' : String(s.sheetId),
      [K.dailyTrigger]: s.dailyTrigger,
    },
    false,
  );
}

/**
 * Developer-metadata key (on the spreadsheet) of a copy of the two settings highlighting and
 * checking depend on (period, «скоро срок»). It comes with the one Sheets API read of a sheet, so a
 * menu action needs no separate read of the document's properties. The properties stay the
 * source: saveSettings writes both, and an action that finds no copy reads the properties and
 * writes the copy with its other changes.
 */
export const SETTINGS_KEY = 'cluster.settings';

export function settingsCopy(s: Settings): string {
  return JSON.stringify({ period: s.period, soonDays: s.soonDays });
}

/** The settings from their copy (only period and soonDays; the rest as unset), or null. */
export function settingsFromCopy(raw: string | undefined): Settings | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(raw) as { period?: Period | null; soonDays?: number };
    if (typeof c.soonDays !== 'number') return null;
    return { ...readSettings({}), period: c.period ?? null, soonDays: c.soonDays };
  } catch {
    return null;
  }
}

/** What the settings sidebar sees: the token only as a hint. */
export interface SettingsView {
  serviceUrl: string;
  cluster: string;
  tokenHint: string;
  periodStart: string;
  periodEnd: string;
  soonDays: number;
  autoDaily: boolean;
  /** «01.06.2021 09:00 — подсветка обновлена», or '' (never ran). */
  lastDailyRun: string;
  lastTriggerError: string;
}

export function settingsView(s: Settings): SettingsView {
  return {
    serviceUrl: s.serviceUrl,
    cluster: s.cluster,
    tokenHint: s.token ? `••••${s.token.slice(-4)}` : '',
    periodStart: s.period?.start ?? '',
    periodEnd: s.period?.end ?? '',
    soonDays: s.soonDays,
    autoDaily: s.autoDaily,
    lastDailyRun: s.lastDailyRun,
    lastTriggerError: s.lastTriggerError,
  };
}

/** What the sidebar sends; an empty token keeps the stored one. */
export interface SettingsInput {
  serviceUrl: string;
  cluster: string;
  token: string;
  periodStart: string;
  periodEnd: string;
  soonDays: number | string;
  autoDaily: boolean;
}

/** Validates the form; throws a Russian message naming the field. */
export function mergeSettings(old: Settings, input: SettingsInput, sheetId: number): Settings {
  const serviceUrl = String(input.serviceUrl ?? '')
    .trim()
    .replace(/\/+$/, '');
  if (serviceUrl && !/^https?:\/\/[^\s/]+/i.test(serviceUrl))
    throw new Error('Адрес сервиса: нужен адрес вида https://cluster.example.ru');
  // A published add-on may fetch only under the manifest's urlFetchWhitelist prefix: another
  // address would fail only at sync time, so it is refused here.
  if (serviceUrl && SERVICE_PREFIX && `${serviceUrl}/`.indexOf(SERVICE_PREFIX) !== 0)
    throw new Error(
      `Адрес сервиса: это дополнение работает только с сервисом ${SERVICE_PREFIX.replace(/\/$/, '')}`,
    );
  // The service's slugs: lower-case latin letters, digits and hyphens (typed capitals are lowered).
  const cluster = String(input.cluster ?? '')
    .trim()
    .toLowerCase();
  if (cluster && !isSlug(cluster))
    throw new Error('Кластер: латинские буквы, цифры и дефис, например kaluga-mash');
  const token = String(input.token ?? '').trim();
  const start = String(input.periodStart ?? '').trim();
  const end = String(input.periodEnd ?? '').trim();
  let period: Period | null = null;
  if (start || end) {
    if (!isValidIso(start) || !isValidIso(end))
      throw new Error('Период плана: укажите обе даты — начало и окончание');
    if (start > end) throw new Error('Период плана: начало позже окончания');
    period = { start, end };
  }
  const soonDays = Number(input.soonDays);
  if (!Number.isInteger(soonDays) || soonDays < 0 || soonDays > 365)
    throw new Error('«Скоро срок»: целое число дней от 0 до 365');
  return {
    serviceUrl,
    cluster,
    token: token || old.token,
    period,
    soonDays,
    autoDaily: input.autoDaily === true,
    sheetId,
    dailyTrigger: old.dailyTrigger,
    lastDailyRun: old.lastDailyRun,
    lastTriggerError: old.lastTriggerError,
  };
}
