// `cluster-sync inspect` on spreadsheets through the real bin: sheets of a workbook (chosen,
// all visible, hidden ones skipped) and a Windows-1251 CSV as Russian Excel saves it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin, SAMPLES } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cli-inspect-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The sample's tab-separated lines as grid rows. */
const sampleRows = (name: string) =>
  readFileSync(join(SAMPLES, name), 'utf8')
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => line.split('\t'));

function cp1251(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1251');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  return Uint8Array.from([...text].map((ch) => table.get(ch) ?? 0x3f));
}

let workbook: string;
beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const roadmap = wb.addWorksheet('Дорожная карта');
  sampleRows('roadmap-tomsk-construction-2021.txt').forEach((row, i) => {
    roadmap.getRow(i + 1).values = row;
  });
  const plan = wb.addWorksheet('План 2018-2019');
  sampleRows('plan-smolensk-light-industry-2018-2019.txt').forEach((row, i) => {
    plan.getRow(i + 1).values = row;
  });
  const hidden = wb.addWorksheet('Черновик', { state: 'hidden' });
  sampleRows('roadmap-tomsk-construction-2021.txt').forEach((row, i) => {
    hidden.getRow(i + 1).values = row;
  });
  workbook = join(dir, 'кластер.xlsx');
  await wb.xlsx.writeFile(workbook);

  const csv = sampleRows('plan-smolensk-light-industry-2018-2019.txt')
    .map((row) => row.map((c) => (/[;"\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(';'))
    .join('\r\n');
  writeFileSync(join(dir, 'plan-1251.csv'), cp1251(csv));
});

interface JsonDoc {
  title: string;
  kind: string;
  sheet?: string;
  items: { number: string; row: number }[];
}
const docsOf = (stdout: string) => (JSON.parse(stdout) as { documents: JsonDoc[] }).documents;

describe('inspect on a workbook', () => {
  it('reads every visible sheet and says which sheet each document came from', async () => {
    const r = await runBin(['inspect', workbook, '--json', '--today', '2021-11-01']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const docs = docsOf(r.stdout);
    expect(docs.map((d) => [d.sheet, d.kind, d.items.length])).toEqual([
      ['Дорожная карта', 'roadmap', 29],
      ['План 2018-2019', 'work_plan', 20],
    ]);
  });

  it('reads only the sheet named by --sheet, hidden or not', async () => {
    const r = await runBin(['inspect', workbook, '--json', '--today', '2021-11-01', '--sheet', 'Черновик']);
    expect(r.code).toBe(0);
    const docs = docsOf(r.stdout);
    expect(docs).toHaveLength(1);
    expect(docs[0].sheet).toBe('Черновик');
    expect(docs[0].items[0]).toMatchObject({ number: '1.1', row: 18 });
  });

  it('names the sheets that exist when --sheet is wrong', async () => {
    const r = await runBin(['inspect', workbook, '--sheet', 'План']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'Ошибка: в книге кластер.xlsx нет листа «План»; есть листы: «Дорожная карта», «План 2018-2019», «Черновик»\n',
    );
  });
});

describe('inspect on a CSV', () => {
  it('reads a Windows-1251, semicolon-separated export', async () => {
    const r = await runBin(['inspect', join(dir, 'plan-1251.csv'), '--json', '--today', '2021-11-01']);
    expect(r.stderr).toBe('');
    const [doc] = docsOf(r.stdout);
    expect(doc.kind).toBe('work_plan');
    expect(doc.title).toMatch(/легкой промышленности Смоленской области/);
    expect(doc.items).toHaveLength(20);
  });

  it('resolves a relative path against the working directory', async () => {
    const r = await runBin(['inspect', 'plan-1251.csv', '--today', '2021-11-01'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Вид: план работы · период: 01.09.2018–31.08.2019 · на дату: 01.11.2021');
    expect(r.stdout).toContain('Итого мероприятий: 20');
  });
});
