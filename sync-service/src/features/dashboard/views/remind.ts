// Reminder pages: the contacts of executors (with those still missing), the log of reminders sent,
// and the unsubscribe page a reminder links to. Russian first, English for other readers.
import type { ContactList } from '../../../app/contacts.ts';
import type { ReminderMessage } from '../../../store/remind-types.ts';
import { type Html, html, urlWith } from '../html.ts';
import type { Messages } from '../i18n.ts';
import { dateRu, instantRu } from './format.ts';
import { page, type Reader } from './layout.ts';

const RU = {
  contacts: 'Контакты исполнителей',
  reminders: 'Журнал напоминаний',
  executor: 'Исполнитель',
  cluster: 'Кластер',
  organisation: 'Организация',
  email: 'Почта',
  optedOut: 'Отписан',
  missing: 'Исполнители без контактов',
  missingHint: 'Добавьте их: cluster-sync contact add --cluster … --executor "…" --email …',
  items: 'Пунктов',
  none: 'Пока нет',
  when: 'Когда',
  day: 'День',
  to: 'Кому',
  channel: 'Канал',
  status: 'Статус',
  why: 'Причина',
  attempts: 'Попыток',
  statuses: { pending: 'отправляется', delivered: 'доставлено', failed: 'не доставлено' },
  unsubscribeTitle: 'Отписка от напоминаний',
  unsubscribeAsk: (who: string, cluster: string) =>
    `Больше не присылать напоминания о сроках исполнителю «${who}» (кластер «${cluster}»)?`,
  unsubscribeButton: 'Отписаться',
  unsubscribed: (who: string) => `Готово: напоминания для «${who}» больше не отправляются.`,
  resubscribe: 'Вернуть напоминания',
  resubscribed: (who: string) => `Напоминания для «${who}» снова включены.`,
  badLink: 'Ссылка для отписки неверна или устарела.',
};
type Words = typeof RU;

const EN: Words = {
  contacts: 'Executors’ contacts',
  reminders: 'Reminders sent',
  executor: 'Executor',
  cluster: 'Cluster',
  organisation: 'Organisation',
  email: 'E-mail',
  optedOut: 'Opted out',
  missing: 'Executors without contacts',
  missingHint: 'Add them: cluster-sync contact add --cluster … --executor "…" --email …',
  items: 'Items',
  none: 'None yet',
  when: 'When',
  day: 'Day',
  to: 'To',
  channel: 'Channel',
  status: 'Status',
  why: 'Reason',
  attempts: 'Tries',
  statuses: { pending: 'sending', delivered: 'delivered', failed: 'not delivered' },
  unsubscribeTitle: 'Unsubscribe from reminders',
  unsubscribeAsk: (who: string, cluster: string) =>
    `Stop deadline reminders for “${who}” (cluster “${cluster}”)?`,
  unsubscribeButton: 'Unsubscribe',
  unsubscribed: (who: string) => `Done: no more reminders for “${who}”.`,
  resubscribe: 'Turn reminders back on',
  resubscribed: (who: string) => `Reminders for “${who}” are on again.`,
  badLink: 'This unsubscribe link is wrong or out of date.',
};

export const remindWords = (t: Messages): Words => (t.lang === 'ru' ? RU : EN);

function nav(w: Words): Html {
  return html`<p class="crumbs"><a href="/">←</a> · <a href="/admin/contacts">${w.contacts}</a> · <a href="/admin/reminders">${w.reminders}</a></p>`;
}

export function contactsPage(t: Messages, reader: Reader, list: ContactList): Html {
  const w = remindWords(t);
  return page(
    t,
    w.contacts,
    html`${nav(w)}
<section class="card">
  <h1>${w.contacts}</h1>
  ${
    list.contacts.length === 0
      ? html`<p class="muted">${w.none}</p>`
      : html`<div class="scroll"><table class="stack contacts">
<thead><tr><th>${w.cluster}</th><th>${w.executor}</th><th>${w.organisation}</th><th>${w.email}</th><th>MAX</th><th>VK Teams</th><th>${w.optedOut}</th></tr></thead>
<tbody>${list.contacts.map(
          (
            c,
          ) => html`<tr><td data-label="${w.cluster}">${c.clusterSlug}</td><td data-label="${w.executor}">${c.executor}</td>
<td data-label="${w.organisation}">${c.organisation ?? ''}</td><td data-label="${w.email}">${c.email ?? ''}</td>
<td data-label="MAX">${c.maxChat ?? ''}</td><td data-label="VK Teams">${c.vkteamsChat ?? ''}</td>
<td data-label="${w.optedOut}">${c.unsubscribedAt ? dateRu(c.unsubscribedAt.slice(0, 10)) : ''}</td></tr>`,
        )}</tbody></table></div>`
  }
</section>
<section class="card">
  <h2>${w.missing}</h2>
  ${
    list.missing.length === 0
      ? html`<p class="muted">${w.none}</p>`
      : html`<p class="muted small">${w.missingHint}</p>
<div class="scroll"><table class="stack missing"><thead><tr><th>${w.cluster}</th><th>${w.executor}</th><th class="num">${w.items}</th></tr></thead>
<tbody>${list.missing.map(
          (m) =>
            html`<tr><td data-label="${w.cluster}">${m.cluster}</td><td data-label="${w.executor}">${m.executor}</td><td class="num" data-label="${w.items}">${m.items}</td></tr>`,
        )}</tbody></table></div>`
  }
</section>`,
    reader,
  );
}

export function remindersPage(
  t: Messages,
  reader: Reader,
  messages: ReminderMessage[],
  timeZone: string,
): Html {
  const w = remindWords(t);
  return page(
    t,
    w.reminders,
    html`${nav(w)}
<section class="card">
  <h1>${w.reminders}</h1>
  ${
    messages.length === 0
      ? html`<p class="muted">${w.none}</p>`
      : html`<div class="scroll"><table class="stack reminders">
<thead><tr><th>${w.when}</th><th>${w.day}</th><th>${w.cluster}</th><th>${w.to}</th><th>${w.channel}</th><th class="num">${w.items}</th><th>${w.status}</th><th class="num">${w.attempts}</th><th>${w.why}</th></tr></thead>
<tbody>${messages.map(
          (
            m,
          ) => html`<tr class="st-${m.status}"><td class="date" data-label="${w.when}">${instantRu(m.deliveredAt ?? m.updatedAt, timeZone)}</td>
<td class="date" data-label="${w.day}">${dateRu(m.runDate)}</td><td data-label="${w.cluster}">${m.clusterSlug ?? '—'}</td>
<td data-label="${w.to}">${m.recipientLabel} <span class="muted small">${m.address}</span></td>
<td data-label="${w.channel}">${m.channel}</td><td class="num" data-label="${w.items}">${m.items}</td>
<td data-label="${w.status}">${w.statuses[m.status]}</td><td class="num" data-label="${w.attempts}">${m.attempts}</td>
<td class="small" data-label="${w.why}">${m.error ?? ''}</td></tr>`,
        )}</tbody></table></div>`
  }
</section>`,
    reader,
  );
}

export interface UnsubscribeView {
  state: 'ask' | 'done' | 'undone' | 'bad';
  secret: string;
  executor?: string;
  cluster?: string;
}

export function unsubscribePage(t: Messages, v: UnsubscribeView): Html {
  const w = remindWords(t);
  const action = urlWith(`/unsubscribe/${encodeURIComponent(v.secret)}`, {});
  const who = v.executor ?? '';
  const body =
    v.state === 'bad'
      ? html`<p class="error">${w.badLink}</p>`
      : v.state === 'ask'
        ? html`<p>${w.unsubscribeAsk(who, v.cluster ?? '')}</p>
<form method="post" action="${action}"><input type="hidden" name="do" value="out"><button type="submit">${w.unsubscribeButton}</button></form>`
        : html`<p>${v.state === 'done' ? w.unsubscribed(who) : w.resubscribed(who)}</p>
${
  v.state === 'done'
    ? html`<form method="post" action="${action}"><input type="hidden" name="do" value="in"><button type="submit" class="link">${w.resubscribe}</button></form>`
    : ''
}`;
  return page(
    t,
    w.unsubscribeTitle,
    html`<section class="card narrow"><h1>${w.unsubscribeTitle}</h1>${body}</section>`,
  );
}
