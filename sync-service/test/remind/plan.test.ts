// The reminder ladder and its messages as pure functions: which step on which day, to whom, and
// the text (both languages), without a store or a network.
import type { ItemState } from '@cluster/shared';
import { describe, expect, it } from 'vitest';
import { composeReminder } from '../../src/remind/compose.ts';
import { executorStep, isoWeek, isoWeekday, planReminders, type RemindItem } from '../../src/remind/plan.ts';
import type {
  ClusterRemindSettings,
  ContactWithSecret,
  DepartmentRecipient,
} from '../../src/store/remind-types.ts';

const cluster = (over: Partial<ClusterRemindSettings> = {}): ClusterRemindSettings => ({
  clusterId: 'c1',
  clusterSlug: 'kaluga',
  clusterName: 'Калужский кластер',
  region: 'Калужская область',
  coordinatorEmail: 'coord@example.ru',
  remindDays: null,
  escalateAfterDays: null,
  ...over,
});

const contact = (over: Partial<ContactWithSecret> = {}): ContactWithSecret => ({
  id: 'k1',
  clusterId: 'c1',
  clusterSlug: 'kaluga',
  executor: 'Пояркова О.Н.',
  executorKey: 'пояркова о.н',
  organisation: 'ГАПОУ КО «КТК»',
  email: 'poyarkova@example.ru',
  maxChat: null,
  vkteamsChat: null,
  locale: 'ru',
  unsubscribeSecret: 'sekret',
  unsubscribedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...over,
});

const item = (id: string, due: string, state: ItemState, over: Partial<RemindItem> = {}): RemindItem => ({
  id,
  clusterId: 'c1',
  region: 'Калужская область',
  number: '1.1',
  title: `Пункт ${id}`,
  documentTitle: 'План работы на 2026 год',
  deadlineRaw: 'до 15.06.2026',
  due,
  state,
  executors: ['Пояркова О. Н.'],
  ...over,
});

const department: DepartmentRecipient = {
  id: 'd1',
  slug: 'minobr',
  name: 'Министерство образования',
  region: 'Калужская область',
  email: 'dep@example.ru',
};

const input = (asOf: string, over: Partial<Parameters<typeof planReminders>[0]> = {}) => ({
  asOf,
  digestWeekday: 1,
  clusters: [cluster()],
  contacts: [contact()],
  departments: [department],
  channels: new Set(['email', 'max', 'vkteams'] as const),
  ...over,
});

describe('the ladder', () => {
  it('steps: a window per rung, the overdue day, nothing after escalation', () => {
    expect(executorStep(10, 'upcoming', [7, 1], 7)).toBeNull();
    expect(executorStep(7, 'due_soon', [7, 1], 7)).toBe('before:7');
    expect(executorStep(5, 'due_soon', [7, 1], 7)).toBe('before:7');
    expect(executorStep(1, 'due_soon', [7, 1], 7)).toBe('before:1');
    expect(executorStep(0, 'due_soon', [7, 1], 7)).toBe('before:1');
    expect(executorStep(-1, 'overdue', [7, 1], 7)).toBe('overdue');
    expect(executorStep(-7, 'overdue', [7, 1], 7)).toBeNull();
    expect(executorStep(3, 'done', [7, 1], 7)).toBeNull();
    expect(executorStep(3, 'due_soon', [14, 3], 7)).toBe('before:3');
  });

  it('weeks and weekdays', () => {
    expect(isoWeekday('2026-12-07')).toBe(1);
    expect(isoWeekday('2026-12-06')).toBe(7);
    expect(isoWeek('2026-12-07')).toBe('2026-W50');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2021-01-04')).toBe('2021-W01');
  });

  it('one message per person and channel, listing all their items with their steps', () => {
    const items = [
      item('a', '2026-06-15', 'due_soon'),
      item('b', '2026-06-09', 'due_soon'),
      item('c', '2026-06-07', 'overdue'),
      item('far', '2026-07-30', 'upcoming'),
      item('nobody', '2026-06-09', 'due_soon', { executors: ['Иванов И.И.'] }),
    ];
    const two = contact({ maxChat: '-100200', email: 'poyarkova@example.ru' });
    // 2026-06-08 is a Monday but the digest is on Tuesdays here.
    const messages = planReminders(input('2026-06-08', { contacts: [two], digestWeekday: 2 }), items);
    expect(messages.map((m) => [m.channel, m.address])).toEqual([
      ['email', 'poyarkova@example.ru'],
      ['max', '-100200'],
    ]);
    expect(messages[0].entries.map((e) => [e.item.id, e.step, e.daysLeft])).toEqual([
      ['a', 'before:7', 7],
      ['b', 'before:1', 1],
      ['c', 'overdue', -1],
    ]);
  });

  it('escalation to the coordinator after M days, per the cluster; digest on its weekday', () => {
    const items = [item('late', '2026-06-01', 'overdue'), item('later', '2026-06-04', 'overdue')];
    const monday = planReminders(
      input('2026-06-08', { clusters: [cluster({ escalateAfterDays: 5 })] }),
      items,
    );
    const coordinator = monday.find((m) => m.kind === 'coordinator');
    expect(coordinator?.entries.map((e) => [e.item.id, e.step])).toEqual([['late', 'escalation']]);
    const executor = monday.find((m) => m.kind === 'executor');
    expect(executor?.entries.map((e) => [e.item.id, e.step])).toEqual([['later', 'overdue']]);
    const digest = monday.find((m) => m.kind === 'department');
    expect(digest?.address).toBe('dep@example.ru');
    expect(digest?.entries.map((e) => e.step)).toEqual(['digest:2026-W24', 'digest:2026-W24']);
    const tuesday = planReminders(input('2026-06-09'), items);
    expect(tuesday.some((m) => m.kind === 'department')).toBe(false);
  });

  it('no coordinator address, an opted-out contact, another cluster, a channel not configured: nobody', () => {
    const items = [
      item('x', '2026-06-01', 'overdue'),
      item('y', '2026-06-09', 'due_soon', { clusterId: 'c2' }),
    ];
    const plan = planReminders(
      input('2026-06-09', {
        clusters: [cluster({ coordinatorEmail: null }), cluster({ clusterId: 'c2', clusterSlug: 'other' })],
        contacts: [
          contact({ unsubscribedAt: '2026-06-01T00:00:00Z' }),
          contact({ id: 'k2', vkteamsChat: 'a@b', email: null }),
        ],
        channels: new Set(['email'] as const),
      }),
      items,
    );
    expect(plan).toEqual([]);
  });
});

describe('the message', () => {
  const entries = [
    { item: item('a', '2026-06-15', 'due_soon'), step: 'before:7', daysLeft: 7 },
    { item: item('c', '2026-06-07', 'overdue'), step: 'overdue', daysLeft: -1 },
  ];
  const base = {
    kind: 'executor' as const,
    recipientLabel: 'Пояркова О.Н.',
    clusterName: 'Калужский кластер',
    asOf: '2026-06-08',
    entries,
    publicUrl: 'https://roadmaps.example.ru',
    unsubscribeSecret: 'sekret',
  };

  it('Russian: every item with document, deadline as written and as a date, state and its page', () => {
    const { subject, body } = composeReminder({ ...base, locale: 'ru' });
    expect(subject).toBe('Напоминание о сроках (2): Калужский кластер');
    expect(body).toContain('Здравствуйте, Пояркова О.Н.!');
    expect(body).toContain('Приближается срок (08.06.2026):');
    expect(body).toContain('1. 1.1 Пункт a');
    expect(body).toContain('Документ: План работы на 2026 год');
    expect(body).toContain('Срок: до 15.06.2026 (15.06.2026)');
    expect(body).toContain('срок через 7 дн.');
    expect(body).toContain('Срок прошёл (08.06.2026):');
    expect(body).toContain('просрочено на 1 дн.');
    expect(body).toContain('https://roadmaps.example.ru/items/a');
    expect(body).toContain('Отписаться от напоминаний: https://roadmaps.example.ru/unsubscribe/sekret');
    expect(body.indexOf('Пункт a')).toBeLessThan(body.indexOf('Пункт c'));
  });

  it('English for a non-Russian contact', () => {
    const { subject, body } = composeReminder({ ...base, locale: 'en' });
    expect(subject).toBe('Deadline reminder (2): Калужский кластер');
    expect(body).toContain('Deadline approaching (08.06.2026):');
    expect(body).toContain('due in 7 days');
    expect(body).toContain('1 days overdue');
    expect(body).toContain('Unsubscribe from reminders');
  });
});

describe('the schedule clock', () => {
  it('local date and minutes in APP_TIME_ZONE', async () => {
    const { localClock } = await import('../../src/remind/schedule.ts');
    expect(localClock(new Date('2026-06-08T06:30:00Z'), 'Europe/Moscow')).toEqual({
      date: '2026-06-08',
      minutes: 570,
    });
    expect(localClock(new Date('2026-06-08T21:30:00Z'), 'Europe/Moscow')).toEqual({
      date: '2026-06-09',
      minutes: 30,
    });
    expect(localClock(new Date('2026-06-08T21:30:00Z'), 'Asia/Tomsk')).toEqual({
      date: '2026-06-09',
      minutes: 270,
    });
  });
});

describe('messenger text', () => {
  it('fits a long message at a line end and says more follows', async () => {
    const { fitText } = await import('../../src/remind/channels.ts');
    const text = Array.from({ length: 50 }, (_, i) => `строка ${i}`).join('\n');
    expect(fitText(text, 10_000)).toBe(text);
    const short = fitText(text, 100);
    expect(short.length).toBeLessThanOrEqual(100);
    expect(short.endsWith('\n…')).toBe(true);
    expect(text.startsWith(short.slice(0, -2))).toBe(true);
  });
});
