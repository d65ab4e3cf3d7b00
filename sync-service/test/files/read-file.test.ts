// readDocumentsFromFile / readFileGrids as the HTTP import calls them: uploaded bytes with a
// name, and a FileReadError with a code for every kind of bad file.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileReadError } from '../../src/files/errors.ts';
import { readDocumentsFromFile, readFileGrids } from '../../src/files/read-file.ts';
import { SAMPLES } from '../helpers/cli.ts';
import { writeWorkPlan } from '../helpers/workbooks.ts';

const dir = mkdtempSync(join(tmpdir(), 'files-read-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const today = '2021-11-01';
/** A directory whose name looks like a CSV file. */
const folder = join(dir, 'folder.csv');
mkdirSync(folder);

async function failure(promise: Promise<unknown>): Promise<FileReadError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileReadError);
  return error as FileReadError;
}

describe('uploaded bytes', () => {
  it('reads an .xlsx upload the same as the file on disk', async () => {
    const path = join(dir, 'plan.xlsx');
    await writeWorkPlan(path);
    const upload = { name: 'План 2024.xlsx', buffer: new Uint8Array(readFileSync(path)) };
    const fromUpload = await readDocumentsFromFile(upload, { today });
    const fromDisk = await readDocumentsFromFile(path, { today });
    expect(fromUpload.name).toBe('План 2024.xlsx');
    expect(fromUpload.documents).toEqual(fromDisk.documents);
  });

  it('reads a .txt upload (a protocol) and a .tsv upload (a table)', async () => {
    const protocol = readFileSync(join(SAMPLES, 'protocol-tomsk-industrial-2021.txt'));
    const txt = await readDocumentsFromFile({ name: 'protocol.txt', buffer: protocol }, { today });
    expect(txt.format).toBe('txt');
    expect(txt.documents[0].kind).toBe('protocol');
    expect(txt.documents[0].items).toHaveLength(3);
    const table = readFileSync(join(SAMPLES, 'roadmap-tomsk-construction-2021.txt'));
    const tsv = await readFileGrids({ name: 'roadmap.tsv', buffer: table });
    expect(tsv.format).toBe('csv');
    expect(tsv.sheets[0].grid[17].slice(0, 3)).toEqual([
      '1.1.',
      'Разработка и утверждение соглашения о сотрудничестве в образовательно-отраслевом кластере строительства',
      'Руководители ПОО',
    ]);
  });
});

describe('FileReadError codes', () => {
  it.each([
    ['not_found', () => readFileGrids(join(dir, 'none.csv'))],
    ['not_found', () => readFileGrids(folder)],
    ['unsupported', () => readFileGrids({ name: 'plan.xls', buffer: new Uint8Array([0xd0, 0xcf]) })],
    ['unsupported', () => readFileGrids({ name: 'README', buffer: new Uint8Array() })],
    ['corrupt', () => readFileGrids({ name: 'empty.xlsx', buffer: new Uint8Array() })],
    [
      'corrupt',
      () => readFileGrids({ name: 'zip.xlsx', buffer: new TextEncoder().encode('PK\u0003\u0004 broken') }),
    ],
    ['no_sheet', () => readFileGrids({ name: 'a.csv', buffer: new Uint8Array() }, { sheet: 'Лист1' })],
  ] as const)('%s', async (code, read) => {
    const error = await failure(read());
    expect(error.code).toBe(code);
    expect(error.message).not.toContain('\n');
  });

  it('says to save an old .xls as .xlsx', async () => {
    const error = await failure(readFileGrids({ name: 'plan.xls', buffer: new Uint8Array([0xd0, 0xcf]) }));
    expect(error.message).toBe(
      'неподдерживаемый формат файла «.xls»: plan.xls (нужен .xlsx, .csv, .txt, .docx или .odt; сохраните файл как .xlsx)',
    );
  });
});
