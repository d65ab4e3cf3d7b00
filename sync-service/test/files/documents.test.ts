// .docx and .odt through readDocumentsFromFile, on the committed fixtures that
// fixtures/documents/make_documents.py made with python-docx and LibreOffice Writer.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Document } from '@cluster/shared';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/files/limits.ts';
import { readDocumentsFromFile } from '../../src/files/read-file.ts';
import { ZipArchive } from '../../src/files/zip.ts';
import { SAMPLES } from '../helpers/cli.ts';

const DOCS = fileURLToPath(new URL('../../../fixtures/documents/', import.meta.url));
const SAMPLE_NAMES = [
  'roadmap-tomsk-construction-2021',
  'plan-smolensk-light-industry-2018-2019',
  'protocol-smolensk-construction-2017',
  'protocol-smolensk-transport-2019',
  'protocol-tomsk-industrial-2021',
];

/** What must agree between formats: everything but where the item sits (row, table). */
function content(docs: readonly Document[]) {
  return docs.map((d) => ({
    title: d.title.replace(/\s+/g, ' '),
    kind: d.kind,
    period: d.period,
    meeting: d.meeting,
    items: d.items.map(({ row: _row, table: _table, ...item }) => item),
  }));
}

describe('the five samples re-made as Word and ODT documents', () => {
  it.each(SAMPLE_NAMES)('%s: numbers exist only as Word automatic numbering', async (name) => {
    const zip = await ZipArchive.open(`${DOCS}samples/${name}.docx`, name, DEFAULT_LIMITS, 'документ');
    const xml = await zip.text('word/document.xml');
    zip.close();
    expect(xml).toContain('<w:numPr>');
    // «1.1.» / «Задача 1.» / a protocol's «1.» appear nowhere in the text runs.
    const runs = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(runs.some((t) => /^\s*(Задача\s+)?\d+(\.\d+)*\.?\s*$/.test(t))).toBe(false);
    expect(runs.some((t) => /^\d+\.\d+\.?\s/.test(t))).toBe(false);
    if (name.startsWith('roadmap') || name.startsWith('plan')) {
      // «Задача N» rows span the whole table.
      expect(xml).toMatch(/<w:gridSpan w:val="[5-7]"\/>/);
    }
  });

  it.each(
    SAMPLE_NAMES.flatMap((n) => [
      [n, 'docx'],
      [n, 'odt'],
    ]),
  )('%s.%s gives the same documents and items as the .txt', async (name, ext) => {
    const today = '2021-11-01';
    const txt = await readDocumentsFromFile(`${SAMPLES}${name}.txt`, { today });
    const doc = await readDocumentsFromFile(`${DOCS}samples/${name}.${ext}`, { today, title: name });
    expect(doc.format).toBe(ext);
    expect(txt.documents.length).toBe(1);
    expect(content(doc.documents)).toEqual(content(txt.documents));
    if (name.startsWith('protocol')) {
      // One paragraph a line: a decision sits on the same line as in the text.
      expect(doc.documents[0].items.map((i) => i.row)).toEqual(txt.documents[0].items.map((i) => i.row));
    } else {
      // Rows count within the table, the header being row 1 (a one-row header, then «Задача 1»).
      const first = doc.documents[0].items[0];
      expect(first.row).toBe(3);
      expect(doc.documents[0].table?.headerRow).toBe(1);
      expect(first.table).toBeUndefined();
    }
  });
});

describe('one plan in four formats', () => {
  it('inspect gives the same items from .docx, .odt, .xlsx and .csv', async () => {
    const today = '2022-03-01';
    const read = (ext: string) => readDocumentsFromFile(`${DOCS}plan.${ext}`, { today, title: 'plan' });
    const [docx, odt, xlsx, csv] = await Promise.all(['docx', 'odt', 'xlsx', 'csv'].map(read));
    expect(docx.documents).toHaveLength(1);
    expect(docx.documents[0].items).toHaveLength(5);
    expect(content(docx.documents)).toEqual(content(xlsx.documents));
    expect(content(odt.documents)).toEqual(content(xlsx.documents));
    expect(content(csv.documents)).toEqual(content(xlsx.documents));
    const items = docx.documents[0].items;
    expect(items.map((i) => i.number)).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2']);
    expect(items[0]).toMatchObject({
      task: 'Задача 1. Организация работы кластера',
      deadline: { kind: 'range', start: '2022-01-01', due: '2022-03-31' },
      mark: { status: 'done' },
    });
    // Two header rows (vertical merges), then «Задача 1»: the first item is row 4 of the table,
    // where the sheet has it on row 8 below its title block.
    expect(items.map((i) => i.row)).toEqual([4, 5, 6, 8, 9]);
    expect(odt.documents[0].items.map((i) => i.row)).toEqual([4, 5, 6, 8, 9]);
    expect(xlsx.documents[0].items.map((i) => i.row)).toEqual([8, 9, 10, 12, 13]);
  });
});

describe('several tables, continued tables, numbering from styles', () => {
  it.each(['docx', 'odt'])(
    'several-tables.%s: two documents, a table continued after a page break',
    async (ext) => {
      const { documents } = await readDocumentsFromFile(`${DOCS}several-tables.${ext}`, {
        today: '2022-03-01',
      });
      expect(documents.map((d) => [d.title, d.kind])).toEqual([
        ['Дорожная карта кластера строительства на 2022 год', 'roadmap'],
        ['План работы кластера строительства на 2022-2023 учебный год', 'work_plan'],
      ]);
      const [roadmap, plan] = documents;
      // Table 1 is the approval block laid out as a table; the plans are tables 2 and 3.
      expect(roadmap.items.map((i) => [i.table, i.row, i.number])).toEqual([
        [2, 2, '1'],
        [2, 3, '2'],
        [2, 4, '3'],
      ]);
      // The continuation's repeated header and column numbers are dropped; numbering goes on.
      expect(plan.items.map((i) => [i.table, i.row, i.number, i.title])).toEqual([
        [3, 3, '1', 'Заседание совета'],
        [3, 4, '2', 'Конкурс профессионального мастерства'],
        [3, 5, '3', 'Ярмарка вакансий'],
        [3, 6, '4', 'Итоговое заседание'],
      ]);
      expect(plan.items[2].deadline).toMatchObject({ kind: 'month', due: '2023-04-30' });
    },
  );

  it.each(['docx', 'odt'])('style-numbering.%s: decisions numbered by their paragraph style', async (ext) => {
    const { documents } = await readDocumentsFromFile(`${DOCS}style-numbering.${ext}`, {
      today: '2022-03-20',
    });
    expect(documents).toHaveLength(1);
    expect(documents[0].kind).toBe('protocol');
    expect(documents[0].items.map((i) => [i.number, i.executors, i.deadline.due])).toEqual([
      ['1', ['Иванов И.И.'], '2022-04-01'],
      ['2', ['Петров П.П.'], '2022-05-30'],
      ['3', [], null],
    ]);
  });

  it.each(['docx', 'odt'])(
    'decisions-table.%s: «N.M.» numbers in cells, the list starting at 3',
    async (ext) => {
      const { documents } = await readDocumentsFromFile(`${DOCS}decisions-table.${ext}`, {
        today: '2022-02-01',
      });
      expect(documents[0].kind).toBe('decisions_register');
      expect(documents[0].items.map((i) => [i.number, i.task, i.executors[0]])).toEqual([
        ['3.1', '3. Об организации стажировок', 'Петров П.П.'],
        ['3.2', '3. Об организации стажировок', 'Иванов И.И.'],
        ['3.3', '3. Об организации стажировок', 'Сидорова С.С.'],
      ]);
    },
  );

  it('reads a document from its bytes as from its path', async () => {
    const path = `${DOCS}plan.docx`;
    const bytes = new Uint8Array(readFileSync(path));
    const fromBytes = await readDocumentsFromFile(
      { name: 'plan.docx', buffer: bytes },
      { today: '2022-03-01' },
    );
    const fromPath = await readDocumentsFromFile(path, { today: '2022-03-01' });
    expect(fromBytes.documents).toEqual(fromPath.documents);
  });
});
