// A reminder's text: one message per recipient listing every item it covers (title, document,
// deadline as written and as ДД.ММ.ГГГГ, state, the item's page), Russian or English.
import { formatRu, type ItemState, STATE_LABEL_EN, STATE_LABEL_RU } from '@cluster/shared';
import type { Locale } from '../store/remind-types.ts';
import type { PlannedEntry, RecipientKind } from './plan.ts';

export interface ComposeInput {
  kind: RecipientKind;
  locale: Locale;
  recipientLabel: string;
  /** The cluster's name (executors and coordinators); null for a region's digest. */
  clusterName: string | null;
  /** Cluster names by id, for the digest's lines. */
  clusterNames?: ReadonlyMap<string, string>;
  asOf: string;
  entries: readonly PlannedEntry[];
  publicUrl: string;
  unsubscribeSecret: string | null;
}

interface Words {
  hello(name: string): string;
  subject(kind: RecipientKind, n: number, where: string): string;
  section(step: string): string;
  document: string;
  deadline: string;
  state: string;
  cluster: string;
  page: string;
  when(daysLeft: number): string;
  stateLabel(state: string): string;
  unsubscribe: string;
  footer: string;
}

const RU: Words = {
  hello: (name) => `Здравствуйте, ${name}!`,
  subject: (kind, n, where) =>
    kind === 'department'
      ? `Сводка просроченных пунктов (${n}): ${where}`
      : kind === 'coordinator'
        ? `Просрочено дольше допустимого (${n}): ${where}`
        : `Напоминание о сроках (${n}): ${where}`,
  section: (step) =>
    step.startsWith('before:')
      ? 'Приближается срок'
      : step === 'overdue'
        ? 'Срок прошёл'
        : step === 'escalation'
          ? 'Просрочено дольше допустимого — исполнители не отчитались'
          : 'Просроченные пункты региона',
  document: 'Документ',
  deadline: 'Срок',
  state: 'Состояние',
  cluster: 'Кластер',
  page: 'Страница пункта',
  when: (d) =>
    d > 1
      ? `срок через ${d} дн.`
      : d === 1
        ? 'срок завтра'
        : d === 0
          ? 'срок сегодня'
          : `просрочено на ${-d} дн.`,
  stateLabel: (s) => STATE_LABEL_RU[s as ItemState] ?? s,
  unsubscribe: 'Отписаться от напоминаний',
  footer: 'Это письмо отправлено сервисом дорожных карт кластеров автоматически.',
};

const EN: Words = {
  hello: (name) => `Hello, ${name}!`,
  subject: (kind, n, where) =>
    kind === 'department'
      ? `Overdue items digest (${n}): ${where}`
      : kind === 'coordinator'
        ? `Overdue too long (${n}): ${where}`
        : `Deadline reminder (${n}): ${where}`,
  section: (step) =>
    step.startsWith('before:')
      ? 'Deadline approaching'
      : step === 'overdue'
        ? 'Deadline passed'
        : step === 'escalation'
          ? 'Overdue too long — the executors have not reported'
          : 'Overdue items of the region',
  document: 'Document',
  deadline: 'Deadline',
  state: 'Status',
  cluster: 'Cluster',
  page: 'Item page',
  when: (d) =>
    d > 1 ? `due in ${d} days` : d === 1 ? 'due tomorrow' : d === 0 ? 'due today' : `${-d} days overdue`,
  stateLabel: (s) => STATE_LABEL_EN[s as ItemState] ?? s,
  unsubscribe: 'Unsubscribe from reminders',
  footer: 'This message was sent automatically by the cluster roadmaps service.',
};

/** Sections in ladder order: before, overdue, escalation, digest. */
function sectionRank(step: string): number {
  if (step.startsWith('before:')) return 0;
  if (step === 'overdue') return 1;
  if (step === 'escalation') return 2;
  return 3;
}

export function composeReminder(input: ComposeInput): { subject: string; body: string } {
  const w = input.locale === 'en' ? EN : RU;
  const where = input.clusterName ?? input.recipientLabel;
  const lines: string[] = [w.hello(input.recipientLabel), ''];
  const sections = new Map<string, PlannedEntry[]>();
  for (const e of input.entries) {
    const name = w.section(e.step);
    const list = sections.get(name) ?? [];
    list.push(e);
    sections.set(name, list);
  }
  const ordered = [...sections.entries()].sort(
    (a, b) => sectionRank(a[1][0].step) - sectionRank(b[1][0].step),
  );
  for (const [name, entries] of ordered) {
    lines.push(`${name} (${formatRu(input.asOf)}):`, '');
    entries.forEach((e, i) => {
      const it = e.item;
      lines.push(`${i + 1}. ${it.number ? `${it.number} ` : ''}${it.title || '—'}`);
      if (input.kind === 'department') {
        const cluster = input.clusterNames?.get(it.clusterId);
        if (cluster) lines.push(`   ${w.cluster}: ${cluster}`);
      }
      lines.push(`   ${w.document}: ${it.documentTitle || '—'}`);
      lines.push(`   ${w.deadline}: ${it.deadlineRaw || '—'} (${formatRu(it.due)})`);
      lines.push(`   ${w.state}: ${w.stateLabel(it.state)}, ${w.when(e.daysLeft)}`);
      lines.push(`   ${w.page}: ${input.publicUrl}/items/${encodeURIComponent(it.id)}`);
      lines.push('');
    });
  }
  lines.push('—', w.footer);
  if (input.unsubscribeSecret)
    lines.push(`${w.unsubscribe}: ${input.publicUrl}/unsubscribe/${input.unsubscribeSecret}`);
  return { subject: w.subject(input.kind, input.entries.length, where), body: `${lines.join('\n')}\n` };
}
