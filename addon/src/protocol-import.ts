// «Решения из протокола»: the protocol's text → parseProtocol → its decisions appended to the
// decisions register (created from the template when the spreadsheet has none).
import { formatRu, parseProtocol } from '@cluster/shared';
import { UserError } from './gas.ts';
import type { Settings } from './settings-store.ts';
import { findTemplateSheet, HEADER_ROW, insertTemplate } from './templates.ts';

export interface ImportResult {
  added: number;
  sheetName: string;
  firstRow: number;
  problems: number;
}

export function importDecisions(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  text: string,
  today: string,
  settings: Settings,
): ImportResult {
  if (!text?.trim()) throw new UserError('Вставьте текст протокола.');
  const doc = parseProtocol(text, { today, soonDays: settings.soonDays, period: settings.period });
  if (doc.items.length === 0) {
    throw new UserError('В тексте не найдено решений: нужен раздел «Решили:» или «Постановили:» с пунктами.');
  }
  const sheet =
    findTemplateSheet(ss, 'decisions') ?? insertTemplate(ss, 'decisions', Number(today.slice(0, 4)));
  const last = Math.max(sheet.getLastRow(), HEADER_ROW);
  let next = 1;
  if (last > HEADER_ROW) {
    for (const [v] of sheet.getRange(HEADER_ROW + 1, 1, last - HEADER_ROW, 1).getValues()) {
      const n = Number.parseInt(String(v), 10);
      if (Number.isFinite(n) && n >= next) next = n + 1;
    }
  }
  const m = doc.meeting;
  const protocol = m
    ? [m.number ? `№ ${m.number}` : 'Протокол', m.date ? `от ${formatRu(m.date)}` : ''].join(' ').trim()
    : '';
  const rows = doc.items.map((item, i) => [
    String(next + i),
    item.title,
    item.executors.join(', '),
    item.deadline.raw,
    protocol,
    '',
  ]);
  // Plain-text format first: setValues reads text as typed input, so «05.06.2021» would become a
  // date (6 May in an English-locale spreadsheet), «=…» a formula and «1» a number.
  sheet
    .getRange(last + 1, 1, rows.length, rows[0].length)
    .setNumberFormat('@')
    .setValues(rows);
  sheet.activate();
  return {
    added: rows.length,
    sheetName: sheet.getName(),
    firstRow: last + 1,
    problems: doc.items.reduce((n, it) => n + it.problems.length, 0),
  };
}
