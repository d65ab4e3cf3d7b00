// A sheet with nothing to list says so in one line instead of printing a header over no rows: the
// lists, «Исполнители» when no item names an executor, «Завершённые планы» when none has finished.
import { describe, expect, it } from 'vitest';
import { EXECUTORS_SHEET } from '../../src/reports/sheets/executors.ts';
import { FINISHED_SHEET } from '../../src/reports/sheets/finished.ts';
import { memorySource } from '../helpers/report-fixtures.ts';
import { renderReport } from '../helpers/report-render.ts';

const cluster = { slug: 'empty', name: 'Пустой кластер', region: 'Калужская область' };

describe('a report with nothing to list', () => {
  it('prints each empty sheet as one line, no header', async () => {
    const { workbook } = await renderReport(memorySource([cluster], []), { finished: true });
    const lines: Record<string, string> = {
      [EXECUTORS_SHEET]: 'Исполнителей в отчёте нет.',
      [FINISHED_SHEET]: 'Завершённых планов на дату отчёта нет.',
      'Все мероприятия': 'Мероприятий на дату отчёта нет.',
      Просроченные: 'Просроченных мероприятий на дату отчёта нет.',
      'Переносы сроков': 'Переносов сроков за период отчёта нет.',
    };
    for (const [name, line] of Object.entries(lines)) {
      const sheet = workbook.getWorksheet(name);
      expect(sheet, name).toBeDefined();
      expect(sheet!.rowCount, name).toBe(1);
      expect(sheet!.getCell('A1').value, name).toBe(line);
      expect(sheet!.getCell('A1').font?.name, name).toBe('Calibri');
      expect(sheet!.autoFilter, name).toBeFalsy();
    }
  });
});
