// The «Контакты исполнителей» sheet of the add-in: one executor a row (as written in the plans),
// their organisation, addresses (e-mail, MAX chat, VK Teams chat) and language. The service's
// PUT /api/v1/contacts/sheet takes what this reads.

export const CONTACTS_SHEET = 'Контакты исполнителей';

export interface ContactRow {
  executor: string;
  organisation?: string;
  email?: string;
  maxChat?: string;
  vkteamsChat?: string;
  locale?: 'ru' | 'en';
}

type Field = keyof ContactRow;

/** Header words of each column, lower case; the first header row that names the executor wins. */
const HEADERS: [Field, RegExp][] = [
  ['executor', /исполнител|ответствен|executor/],
  ['organisation', /организац|organi[sz]ation/],
  ['email', /почт|e-?mail/],
  ['maxChat', /\bmax\b|макс/],
  ['vkteamsChat', /vk ?teams|вк ?тимс/],
  ['locale', /язык|language|locale/],
];

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

/**
 * Rows of the sheet (getValues()) → the contacts; a row without an executor is skipped. Null when
 * no header row names the executor column.
 */
export function contactRows(values: readonly (readonly unknown[])[]): ContactRow[] | null {
  const headerAt = values.findIndex((row) =>
    row.some((c) => /^(исполнител|ответствен|executor)/.test(text(c).toLowerCase())),
  );
  if (headerAt < 0) return null;
  const columns = new Map<Field, number>();
  values[headerAt].forEach((cell, i) => {
    const h = text(cell).toLowerCase();
    const hit = HEADERS.find(([field, re]) => !columns.has(field) && re.test(h));
    if (hit) columns.set(hit[0], i);
  });
  const out: ContactRow[] = [];
  for (const row of values.slice(headerAt + 1)) {
    const get = (f: Field) => {
      const i = columns.get(f);
      return i === undefined ? '' : text(row[i]);
    };
    const executor = get('executor');
    if (!executor) continue;
    const c: ContactRow = { executor };
    for (const f of ['organisation', 'email', 'maxChat', 'vkteamsChat'] as const) if (get(f)) c[f] = get(f);
    const locale = get('locale').toLowerCase();
    if (locale) c.locale = /^(en|англ)/.test(locale) ? 'en' : 'ru';
    out.push(c);
  }
  return out;
}
