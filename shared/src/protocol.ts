// A meeting protocol's text → a document: the meeting (number, date, place, attendees, agenda)
// and its decisions as items (Item.row = line number).

import { isoIfValid } from './dates.ts';
import { type DeadlineContext, noDeadline, parseDeadline } from './deadline.ts';
import { executorsRawOf, splitExecutors } from './executors.ts';
import { parseMark } from './mark.ts';
import { unplacedReasons } from './messages.ts';
import type { Document, Item, Meeting, ReadOptions, UnplacedRow } from './model.ts';
import { oneLine, splitLines } from './text.ts';
import { PROTOCOL_COLUMNS, setState, validateItems } from './validate.ts';

// A protocol, or an order (распоряжение, приказ) whose numbered points are decisions too.
const PROTOCOL = /^(протокол|распоряжение|приказ)(?![а-яё])/i;
// «Об организации стажировок» under an order's number and date: its subject, part of the title.
const SUBJECT = /^(о|об|обо)\s/i;
const NUMBER = /№\s*([0-9A-Za-zА-Яа-я][0-9A-Za-zА-Яа-я/\-.]*)/;
const ATTENDEES =
  /^(присутствовали|присутствующие|присутствовал[аи]?|участники|участвовали|приглашен\S*|онлайн|в режиме|дистанционно|по видеосвязи)/i;
const AGENDA =
  /^(повестка|обсуждаемые вопросы|вопросы повестки|на повестке|рассматриваемые вопросы|вопросы для обсуждения|рассмотренные вопросы)/i;
const DECISIONS =
  /^(решили|постановили|решение|решения|приказываю|постановляю|обязываю|предлагаю|поручаю)(?![а-яё])|решени[яе]\s*:\s*$|принят(ы|о|ые)\s+(следующ[а-яё]+\s+)?решени[яе]/i;
const DISCUSSION =
  /^(по\s+\S+\s+вопросу|слушали|выступили|выступил[аи]?|по вопросу|докладчик|голосовали|итоги голосования)/i;
const FOOTER = /^(секретарь|председатель|председательствующий|подпись|ведущий|протокол вел)/i;
const PLACE =
  /^(г\.|город(?![а-яё])|пос\.|посёлок|поселок|п\.|с\.|село(?![а-яё])|д\.|ул\.|место проведения)/i;
// «1.», «1.1.», «2)»; not a date («22.10.2021 г.»).
const NUMBERED = /^(\d{1,2}(?:\.\d{1,2})*)[.)](?!\d)\s*(.*)$/;
const EXECUTOR_LINE =
  /(?:^|[.;]\s+)(ответственн\S*(?:\s+исполнител\S*)?|исполнител\S*|отв\.)\s*[:–—-]\s*(.+)$/i;
const DEADLINE_LINE = /^срок\S*(?:\s+[^:–—-]{1,40}?)?\s*[:–—-]\s*(.+)$/i;
const DEADLINE_INLINE =
  /[.;,]\s+(?:в\s+)?срок\S*(?:\s+(?:исполнения|реализации|выполнения))?(?:\s*[:–—-]\s*|\s+(?=до\s))(.+)$/i;
const DEADLINE_TAIL = /[,;]?\s*срок\S*(?:\s+(?:исполнения|реализации|выполнения))?\s*[:–—-]?\s*/i;

const MONTHS = 'января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря'.split('|');
const MONTH_DATE = new RegExp(`(\\d{1,2})\\s+(${MONTHS.join('|')})\\s+(\\d{4})`, 'i');
const YEAR_WORD = /^\s*(года|год|г\.?)(?![а-яё])/i;
const NUM_DATE = /(\d{1,2})\.(\d{1,2})\.(\d{4})/;
const TIME = /(?:^|[^\d.])(\d{1,2})[:.](\d{2})(?![\d.])/;
const TIME_LINE =
  /^(?:время|начало)(?:\s+(?:проведения|начала))?\s*[:–—-]?\s*(?:в\s+)?(\d{1,2})[:.](\d{2})(?![\d.])/i;
// A date in a decision's text, with the words that introduce it as a deadline when there are any
// («срок», «до», «в срок до», «не позднее», «к»).
const DATE_IN_TEXT = new RegExp(
  `(?<![\\d.])((?:(?:в\\s+)?срок\\S*\\s*[:–—-]?\\s*(?:до\\s+)?|(?:в\\s+срок\\s+)?до\\s+|не позднее\\s+|к\\s+)?)` +
    `(?:\\d{1,2}\\.\\d{1,2}\\.\\d{4}|\\d{1,2}\\s+(?:${MONTHS.join('|')})\\s+\\d{4})` +
    '(?:\\s*г(?:ода|\\.)?)?(?:,?\\s*(?:в\\s*)?\\d{1,2}[:.]\\d{2}\\s*(?:ч\\.?)?)?',
  'gi',
);

type Zone = 'head' | 'attendees' | 'agenda' | 'discussion' | 'decisions' | 'footer';

interface Entry {
  number: string;
  /** Which «Решили:» block it is in (0-based); -1 outside any. */
  block: number;
  row: number;
  text: string[];
  executors: string[];
  /** The executor clauses as written. */
  executorsRaw: string[];
  deadline: string;
}

/** What reading a protocol has gathered so far; each zone's reader adds to it. */
interface Reading {
  /** The text has a «Решили:» (or like) header: decisions stand only under one. */
  hasDecisionsHeader: boolean;
  meeting: Meeting;
  unplaced: UnplacedRow[];
  titleParts: string[];
  entries: Entry[];
  zone: Zone;
  /** The title continues on the next lines (until the date or a zone header). */
  titleOpen: boolean;
  /** Line of the meeting's date (a place is looked for after it); -1 before. */
  dateRow: number;
  current: Entry | null;
  /** Which «Решили:» block the reader is in (0-based); -1 before the first. */
  block: number;
}

/** Parses a protocol's text. Decisions without an executor or a deadline get those problems. */
export function parseProtocol(text: string, opts: ReadOptions): Document {
  const lines = splitLines(text).map((l) => oneLine(l.replace(/\*+/g, '')));
  const r: Reading = {
    hasDecisionsHeader: lines.some((l) => DECISIONS.test(l) && l.length < 120),
    meeting: { number: null, date: null, time: null, place: null, attendees: [], agenda: [] },
    unplaced: [],
    titleParts: [],
    entries: [],
    zone: 'head',
    titleOpen: false,
    dateRow: -1,
    current: null,
    block: -1,
  };
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]) readLine(r, lines[i], i + 1);
  }
  return protocolDocument(r, opts);
}

/** A zone header moves the reader to its zone; any other line goes to the current zone's reader. */
function readLine(r: Reading, line: string, row: number): void {
  let header = zoneOf(line);
  // «Председатель – Иванов И.И.» above the attendees names the chair; only after the decisions
  // does such a line start the signatures.
  if (header === 'footer' && r.entries.length === 0) header = null;
  // Inside decisions a line like «Участники …» is text, not a new list of attendees.
  if (!header || (r.zone === 'decisions' && header === 'attendees')) {
    ZONE_READERS[r.zone](r, line, row);
    return;
  }
  r.zone = header;
  r.titleOpen = false;
  r.current = null;
  if (header === 'decisions') r.block++;
  if (header === 'attendees' || header === 'agenda' || header === 'decisions') {
    // «Присутствовали: Иванов И.И., …» — text after the colon is the first entry.
    const rest = line.replace(/^[^:]*:\s*/, '');
    if (rest !== line && rest) ZONE_READERS[header](r, rest, row);
  }
}

const ZONE_READERS: Record<Zone, (r: Reading, line: string, row: number) => void> = {
  head: readHeadLine,
  attendees: readAttendeeLine,
  agenda: readAgendaLine,
  discussion: readDiscussionLine,
  decisions: readDecisionLine,
  footer: () => {},
};

/** The header and the meeting: title, number, date and time, place; numbered points of an order. */
function readHeadLine(r: Reading, line: string, row: number): void {
  const { meeting } = r;
  if (PROTOCOL.test(line) && r.titleParts.length === 0) {
    r.titleParts.push(line);
    r.titleOpen = true;
    const n = NUMBER.exec(line);
    if (n) meeting.number = n[1].replace(/\.$/, '');
    // «ПРОТОКОЛ № 5 от 15.02.2022»
    const date = meetingDate(line.replace(NUMBER, ''));
    if (date) {
      meeting.date = date.iso;
      meeting.time = date.time;
      r.dateRow = row;
    }
    return;
  }
  if (meeting.date === null) {
    const date = meetingDate(line.replace(NUMBER, ''));
    if (date) {
      // «от 15 марта 2022 г.            № 3»
      const n = meeting.number === null ? NUMBER.exec(line) : null;
      if (n) meeting.number = n[1].replace(/\.$/, '');
      meeting.date = date.iso;
      meeting.time = date.time;
      // «г. Томск        22 октября 2021 г.»
      if (date.place) meeting.place = date.place;
      r.dateRow = row;
      r.titleOpen = false;
      return;
    }
  }
  // «Время: 14:30», «Время проведения – 10.00»
  const time = meeting.time === null ? TIME_LINE.exec(line) : null;
  if (time) {
    meeting.time = `${time[1].padStart(2, '0')}:${time[2]}`;
    return;
  }
  if (meeting.place === null && r.dateRow > 0 && PLACE.test(line) && line.length < 100) {
    meeting.place = line.replace(/^место проведения\s*[:–—-]?\s*/i, '').replace(/[.;]$/, '');
    return;
  }
  if (r.titleOpen || (SUBJECT.test(line) && r.titleParts.length > 0 && r.entries.length === 0)) {
    r.titleParts.push(line);
    return;
  }
  if (!r.hasDecisionsHeader) takeEntry(r, line, row);
}

function readAttendeeLine(r: Reading, line: string): void {
  r.meeting.attendees.push(...attendees(line.replace(NUMBERED, '$2')));
}

/** A numbered line is a question; an unnumbered one continues the last. */
function readAgendaLine(r: Reading, line: string): void {
  const { agenda } = r.meeting;
  const m = NUMBERED.exec(line);
  if (m || agenda.length === 0) agenda.push(cleanAgenda(m ? m[2] : line));
  else agenda[agenda.length - 1] += ` ${cleanAgenda(line)}`;
}

/** Without a «Решили:» header, numbered points after «Слушали» are the decisions. */
function readDiscussionLine(r: Reading, line: string, row: number): void {
  if (!r.hasDecisionsHeader) takeEntry(r, line, row);
}

function readDecisionLine(r: Reading, line: string, row: number): void {
  if (!takeEntry(r, line, row))
    r.unplaced.push({ row, text: line, reason: unplacedReasons.protocolPreamble });
}

/** A numbered line starts a decision; other lines add to the current one. False when there is none. */
function takeEntry(r: Reading, line: string, row: number): boolean {
  const m = NUMBERED.exec(line);
  if (m?.[2]) {
    r.current = newEntry(m[1], r.block, row);
    r.entries.push(r.current);
    addText(r.current, m[2]);
    return true;
  }
  if (!r.current) {
    // «Решили: информацию принять к сведению» — one decision without a number; a line ending
    // with a colon introduces the list instead.
    if (r.zone !== 'decisions' || line.endsWith(':')) return false;
    r.current = newEntry('', r.block, row);
    r.entries.push(r.current);
  }
  addText(r.current, line);
  return true;
}

function newEntry(number: string, block: number, row: number): Entry {
  return { number, block, row, text: [], executors: [], executorsRaw: [], deadline: '' };
}

/** The decisions as items (deadlines read in the meeting's year), checked block by block. */
function protocolDocument(r: Reading, opts: ReadOptions): Document {
  const { meeting } = r;
  const year = meeting.date ? Number(meeting.date.slice(0, 4)) : Number(opts.today.slice(0, 4));
  const ctx: DeadlineContext = {
    period: opts.period ?? null,
    defaultYear: year,
    referenceDate: meeting.date ?? opts.today,
  };
  const { items, blocks } = buildItems(r.entries, meeting, ctx, r.block + 1);
  const period = opts.period ?? null;
  const checked = validateByBlock(items, blocks, period);
  return {
    title: r.titleParts.join(' '),
    kind: 'protocol',
    period,
    items: setState(checked, { today: opts.today, soonDays: opts.soonDays, period }),
    unplaced: r.unplaced,
    meeting,
  };
}

function zoneOf(line: string): Zone | null {
  // «1. СЛУШАЛИ: …» opens the discussion of a question; other numbered lines are entries.
  const numbered = NUMBERED.exec(line);
  if (numbered) return DISCUSSION.test(numbered[2]) ? 'discussion' : null;
  if (DISCUSSION.test(line)) return 'discussion';
  if (line.length > 120) return null;
  if (FOOTER.test(line)) return 'footer';
  if (DECISIONS.test(line)) return 'decisions';
  if (AGENDA.test(line)) return 'agenda';
  if (ATTENDEES.test(line)) return 'attendees';
  return null;
}

/** Executor and deadline lines fill their fields; any other line continues the decision's text. */
function addText(entry: Entry, line: string): void {
  const d = DEADLINE_LINE.exec(line);
  if (d) {
    entry.deadline = cleanDeadline(d[1]);
    return;
  }
  let text = line;
  const e = EXECUTOR_LINE.exec(text);
  if (e) {
    const [who, when] = splitOnce(e[2], DEADLINE_TAIL);
    const written = who.replace(/[,;]\s*$/, '');
    entry.executors.push(...splitExecutors(written));
    entry.executorsRaw.push(written);
    if (when) entry.deadline = cleanDeadline(when);
    text = text.slice(0, e.index + (/^[.;]/.test(e[0]) ? 1 : 0)).trim();
  }
  // «Подготовить отчёт. Срок – до 01.12.2021.»: the deadline clause leaves the decision's text.
  const inline = DEADLINE_INLINE.exec(text);
  if (inline && !entry.deadline) {
    entry.deadline = cleanDeadline(inline[1]);
    text = text.slice(0, inline.index + (/^\./.test(inline[0]) ? 1 : 0)).trim();
  }
  if (text) entry.text.push(text);
}

function splitOnce(text: string, re: RegExp): [string, string] {
  const m = re.exec(text);
  if (!m) return [text.trim(), ''];
  return [text.slice(0, m.index).trim(), text.slice(m.index + m[0].length).trim()];
}

/** «до 01.12.2021.» → «до 01.12.2021»: a sentence's full stop is not part of the date. */
function cleanDeadline(text: string): string {
  return text.trim().replace(/(\d)\.$/, '$1');
}

function cleanAgenda(text: string): string {
  return text.trim().replace(/;$/, '');
}

/**
 * Each «Решили:» block numbers its decisions from 1 again, so numbering is checked within a block
 * (a «1.» in the second block is not a duplicate of the first block's «1.»).
 */
function validateByBlock(items: Item[], blocks: number[], period: Document['period']): Item[] {
  const ctx = { period, hasResultColumn: false, columns: PROTOCOL_COLUMNS };
  const out: Item[] = [];
  for (let i = 0; i < items.length; ) {
    let j = i + 1;
    while (j < items.length && blocks[j] === blocks[i]) j++;
    out.push(...validateItems(items.slice(i, j), ctx));
    i = j;
  }
  return out;
}

/** Decisions with children («1.» over «1.1.», «1.2.») are questions: they become the task. */
function buildItems(
  entries: Entry[],
  meeting: Meeting,
  ctx: DeadlineContext,
  blocks: number,
): { items: Item[]; blocks: number[] } {
  const items: Item[] = [];
  const itemBlocks: number[] = [];
  const questions: string[] = [];
  // One «Решили:» per agenda question: its decisions belong to that question.
  const perQuestion = blocks > 1 && meeting.agenda.length >= blocks;
  let task = '';
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const next = entries[i + 1];
    const text = e.text.join(' ');
    if (perQuestion && e.block >= 0 && (i === 0 || entries[i - 1].block !== e.block))
      task = meeting.agenda[e.block];
    if (!e.number.includes('.') && next?.number.startsWith(`${e.number}.`)) {
      task = text;
      questions.push(text);
      continue;
    }
    if (!e.number.includes('.') && !perQuestion) task = '';
    const raw = e.deadline || deadlineInText(text, meeting.date);
    const item: Item = {
      row: e.row,
      number: e.number,
      task,
      title: text,
      executors: e.executors,
      // A decision need not set a deadline («Принять к сведению»): none, not a missing one.
      deadline: raw ? parseDeadline(raw, ctx) : noDeadline(),
      result: '',
      mark: parseMark(null),
      state: 'unknown',
      problems: [],
    };
    const executorsRaw = executorsRawOf(e.executorsRaw.join('; '), e.executors);
    if (executorsRaw !== undefined) item.executorsRaw = executorsRaw;
    items.push(item);
    itemBlocks.push(e.block);
  }
  if (meeting.agenda.length === 0) meeting.agenda.push(...questions);
  return { items, blocks: itemBlocks };
}

/**
 * The deadline a decision's text sets: the first date introduced as one («срок», «до», «в срок
 * до», «не позднее», «к»); else the first plain date that is not on or before the meeting (when the
 * decided thing is to happen). A date on or before the meeting describes an event («…, проведенного
 * 13 мая 2017 г.»), never a deadline; without a meeting date nothing tells a plain date is past.
 */
function deadlineInText(text: string, meetingDay: string | null): string {
  let later = '';
  for (const m of text.matchAll(DATE_IN_TEXT)) {
    if (m[1]) return cleanDeadline(m[0]);
    if (later) continue;
    const day = meetingDay === null ? null : parseDeadline(m[0]).due;
    if (day === null || (meetingDay !== null && day > meetingDay)) later = cleanDeadline(m[0]);
  }
  return later;
}

function meetingDate(line: string): { iso: string; time: string | null; place: string | null } | null {
  const plain = line.replace(/[«»“”„"']/g, ' ');
  let m = MONTH_DATE.exec(plain);
  let iso: string | null = null;
  let rest = plain;
  if (m) {
    iso = isoIfValid(Number(m[3]), MONTHS.indexOf(m[2].toLowerCase()) + 1, Number(m[1]));
    rest = `${plain.slice(0, m.index)} ${plain.slice(m.index + m[0].length).replace(YEAR_WORD, '')}`;
  } else {
    m = NUM_DATE.exec(plain);
    if (m && plain.length < 80) {
      iso = isoIfValid(Number(m[3]), Number(m[2]), Number(m[1]));
      rest = `${plain.slice(0, m.index)} ${plain.slice(m.index + m[0].length).replace(YEAR_WORD, '')}`;
    }
  }
  if (!iso) return null;
  const t = TIME.exec(rest);
  if (t) rest = rest.slice(0, t.index) + rest.slice(t.index + t[0].length);
  const place = oneLine(rest.replace(/^[\s,.;–—-]+|[\s,;–—-]+$/g, ''));
  return {
    iso,
    time: t ? `${t[1].padStart(2, '0')}:${t[2]}` : null,
    place: PLACE.test(place) && place.length < 100 ? place.replace(/\.$/, '') : null,
  };
}

const ORG =
  /(?:^|\s)(ООО|ОАО|АО|ПАО|ЗАО|НАО|АНО|ИП|[А-Я]{0,3}ГБП?ОУ|[А-Я]{0,3}ГАП?ОУ|ГПОУ|ФГБОУ|ФГАОУ|М[АБК]?ОУ|ОГКУ|ОГУ|ГКУ|ФГУП|ГУП|МУП|Департамент\S*|Администраци\S*|Министерств\S*|Комитет\S*|Управлени[ея]|Служб\S*|Союз\S*|Ассоциаци\S*|Университет\S*)(?=[\s«"]|$)/;

const PERSON =
  /^([А-ЯЁ][а-яё]+(-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.?|[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(-[А-ЯЁ][а-яё]+)?|[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+)$/;

/** One line of attendees: one person with position and organisation, or a list of bare names. */
export function attendees(line: string): Meeting['attendees'] {
  const parts = line
    .split(/[,;]\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > 1 && parts.every((p) => PERSON.test(p.replace(/([а-яё])\.$/, '$1')))) {
    return parts.map((name) => ({ name: name.replace(/([а-яё])\.$/, '$1'), position: '', organisation: '' }));
  }
  return [attendee(line)];
}

/** «Беляев Е.В., директор ООО «Гарантийный фонд»;» → name, position, organisation. */
export function attendee(line: string): Meeting['attendees'][number] {
  // A closing full stop goes, but not the dot of initials («Сидоров С.С.»).
  let text = line.trim().replace(/[;,]+$/, '');
  if (!/(^|[\s.])[А-ЯЁA-Z]\.$/.test(text)) text = text.replace(/[.;,]+$/, '');
  const sep = /,\s*|\s[–—-]\s/.exec(text);
  if (!sep) return { name: text, position: '', organisation: '' };
  const name = text.slice(0, sep.index).trim();
  const rest = text.slice(sep.index + sep[0].length).trim();
  const org = ORG.exec(rest);
  let at = org ? org.index + (org[0].length - org[0].trimStart().length) : rest.indexOf('«');
  if (at < 0) return { name, position: rest, organisation: '' };
  if (at === 0 && !org) at = 0;
  let position = rest.slice(0, at).trim();
  let organisation = rest.slice(at).trim();
  // «… колледж» по учебно-производственной работе: the tail belongs to the position.
  const close = organisation.lastIndexOf('»');
  if (close >= 0) {
    const tail = organisation.slice(close + 1).trim();
    if (/^по\s/.test(tail)) {
      organisation = organisation.slice(0, close + 1);
      position = `${position} ${tail}`.trim();
    }
  }
  return { name, position, organisation };
}
