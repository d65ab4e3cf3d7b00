// Small formatting shared by the pages: dates ДД.ММ.ГГГГ, numbers, shares, the state badge.
import { formatRu, isoInTimeZone, type TallyKey } from '@cluster/shared';
import { type Html, html } from '../html.ts';
import type { Messages } from '../i18n.ts';

export const dateRu = (iso: string | null | undefined): string => formatRu(iso) || '—';

/** Hours and minutes per time zone: a formatter is costly to build, a page shows a hundred instants. */
const clocks = new Map<string, Intl.DateTimeFormat>();

/** An instant as «ДД.ММ.ГГГГ ЧЧ:ММ» in the service's time zone. */
export function instantRu(at: string, timeZone: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('ru-RU', { timeZone, hour: '2-digit', minute: '2-digit' });
    clocks.set(timeZone, clock);
  }
  const time = clock.format(d);
  return `${formatRu(isoInTimeZone(d, timeZone))} ${time}`;
}

export const share = (part: number, whole: number): string =>
  whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—';

export function stateBadge(t: Messages, state: TallyKey): Html {
  return html`<span class="badge state-${state}">${t.state[state]}</span>`;
}
