// Small formatting shared by the pages: dates ДД.ММ.ГГГГ, numbers, shares, the state badge.
import { formatRu, minuteInTimeZone, type TallyKey } from '@cluster/shared';
import { type Html, html } from '../html.ts';
import type { Messages } from '../i18n.ts';

export const dateRu = (iso: string | null | undefined): string => formatRu(iso) || '—';

/** An instant as «ДД.ММ.ГГГГ ЧЧ:ММ» in the service's time zone. */
export function instantRu(at: string, timeZone: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  // The zone's formatter is made once (making one per cell was most of a page's rendering).
  const [day, time] = minuteInTimeZone(d, timeZone).split(' ');
  return `${formatRu(day)} ${time}`;
}

export const share = (part: number, whole: number): string =>
  whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—';

export function stateBadge(t: Messages, state: TallyKey): Html {
  return html`<span class="badge state-${state}">${t.state[state]}</span>`;
}
