// Executors from one cell, split the way a reader splits them (issue 12, point 3):
// - a line break or «;» ends an executor, except that a role on its own line with a person's name
//   on the next («Председатель совета↵Баева Н.А.») is one executor (the role and who holds it);
// - a comma ends an executor before a capitalised part («Иванов И.И., Петров П.П.», «КС, ЦОПП»)
//   and before a lower-case role that follows another role («Директор, заместитель директора по
//   УР»); a lower-case role after a person's name describes that person («Иванов И.И., директор»),
//   and any other lower-case part continues the executor («…, в том числе …»);
// - a line or a part made only of people's names written one after another («Н.Е. Иванова К.А.
//   Петров») is one executor per name.
import { oneLine } from './text.ts';

const SURNAME = '[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?';
const INITIALS = '[А-ЯЁ]\\.\\s?[А-ЯЁ]\\.?';
/** «Иванова Н.Е.», «Н.Е. Иванова», «Иванова Наталья Евгеньевна». */
const NAME = `(?:${SURNAME}\\s+${INITIALS}|${INITIALS}\\s?${SURNAME}|${SURNAME}\\s+[А-ЯЁ][а-яё]+\\s+[А-ЯЁ][а-яё]+(?:вич|вна|чна|ична|оглы|кызы))`;
const ONE_NAME = new RegExp(`^${NAME}$`);
const NAMES_IN_A_ROW = new RegExp(`^${NAME}(?:\\s+${NAME})+$`);
const NAME_AT = new RegExp(`${NAME}(?=\\s|$)`, 'gy');
/** The part ends with a person's name («директор Иванов И.И.»): a role after it is that person's. */
const ENDS_WITH_NAME = new RegExp(`(?:^|\\s)${NAME}$`);

// Words that open a role or a group of people (folded to lower case).
const ROLE =
  /^(?:зам\.|заместител|директор|руководител|председател|секретар|член|начальник|заведующ|зав\.|специалист|методист|преподавател|педагог|мастер|куратор|координатор|эксперт|инспектор|советник|консультант|главн|ведущ|старш|ректор|проректор|декан|министр|глава|работодател|представител|сотрудник|администраци|ответственн|социальн|классн|учител|воспитател|студент|обучающ|выпускник|партнер|участник)/;
const STARTS_UPPER = /^[«"(]?[A-ZА-ЯЁ0-9]/;
const STARTS_LOWER = /^[a-zа-яё]/;

export function isPersonName(text: string): boolean {
  return ONE_NAME.test(text.replace(/([а-яё])\.$/, '$1'));
}

export function isRoleText(text: string): boolean {
  return ROLE.test(text.toLowerCase().replace(/ё/g, 'е'));
}

/** Executors of one cell (see the rules above). The cell's own text is the caller's to keep. */
export function splitExecutors(text: string): string[] {
  if (!/[\r\n;,.]/.test(text)) {
    const one = clean(text);
    return one ? [one] : [];
  }
  const out: string[] = [];
  for (const line of joinRoleAndName(
    text
      .split(/\r\n|\r|\n|;/)
      .map(clean)
      .filter(Boolean),
  )) {
    for (const part of splitCommas(line)) out.push(...splitNames(part));
  }
  return out;
}

/** A role line followed by a line that is only a name: the name's holder of that role. */
function joinRoleAndName(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const next = lines[i + 1];
    if (next !== undefined && STARTS_LOWER.test(next)) {
      // A lower-case line continues this one; the comma rules then tell a second role apart.
      lines[i + 1] = `${line}, ${next}`;
      continue;
    }
    if (next !== undefined && isRoleText(line) && !isPersonName(line) && isPersonName(next)) {
      out.push(`${line} ${next}`);
      i++;
      continue;
    }
    out.push(line);
  }
  return out;
}

function splitCommas(line: string): string[] {
  const parts = line.split(',').map(clean);
  const out: string[] = [];
  for (const part of parts) {
    if (!part) continue;
    const last = out.length > 0 ? out[out.length - 1] : null;
    if (last === null || startsExecutor(part, last)) out.push(part);
    else out[out.length - 1] = `${last}, ${part}`;
  }
  return out;
}

function startsExecutor(part: string, before: string): boolean {
  if (STARTS_UPPER.test(part)) return true;
  if (!isRoleText(part)) return false;
  // A lower-case role: another executor after a role, a description of the person named before it.
  return !ENDS_WITH_NAME.test(before.replace(/([а-яё])\.$/, '$1')) && !isPersonName(before);
}

/** «Н.Е. Иванова К.А. Петров» → each name; anything else is left as it is. */
function splitNames(part: string): string[] {
  if (!NAMES_IN_A_ROW.test(part)) return [part];
  const names: string[] = [];
  NAME_AT.lastIndex = 0;
  let at = 0;
  while (at < part.length) {
    NAME_AT.lastIndex = at;
    const m = NAME_AT.exec(part);
    if (!m) return [part];
    names.push(m[0]);
    at = NAME_AT.lastIndex;
    while (part[at] === ' ') at++;
  }
  return names;
}

function clean(text: string): string {
  return oneLine(text)
    .replace(/^[-–—•·*]\s*/, '')
    .replace(/[,;]+$/, '')
    .trim();
}

/**
 * The cell's text when the list does not give it back (kept as Item.executorsRaw): a reader can
 * always see what was written, and nothing is stored twice when the split changed nothing.
 */
export function executorsRawOf(raw: string, executors: readonly string[]): string | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  return executors.join('; ') === text ? undefined : text;
}

/** Key under which spellings of one executor meet: case, ё, spaces, initials and end punctuation. */
export function executorKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/([а-яa-z])\.\s+(?=[а-яa-z]\.)/g, '$1.')
    .replace(/[«»"“”„]/g, '')
    .replace(/[\s.,;:]+$/g, '')
    .trim();
}

/** An executor as shown: the first spelling seen, with spaces and initials tidied. */
export function executorDisplay(name: string): string {
  return name
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/([А-ЯЁA-Z])\.\s+(?=[А-ЯЁA-Z]\.)/g, '$1.')
    .replace(/[\s,;:]+$/g, '')
    .trim();
}
