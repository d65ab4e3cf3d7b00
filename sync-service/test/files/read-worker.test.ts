// Reading in a child process within a budget: the same answer as reading in place; a read over its
// time or memory budget, or a child that crashes, ends with a clear FileReadError('budget') labelled
// by what happened while this process lives on; a child that answered is gone (no process left behind).
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileReadError } from '../../src/files/errors.ts';
import { readDocumentsFromFile } from '../../src/files/read-file.ts';
import { callInWorker, readDocumentsInWorker } from '../../src/files/read-worker.ts';
import { childPids as children } from '../helpers/child-pids.ts';

const today = '2021-11-01';

function bigCsv(rows: number): { name: string; buffer: Uint8Array } {
  const lines = ['№;Мероприятие;Срок;Ответственный'];
  for (let i = 1; i <= rows; i++)
    lines.push(`${i};Мероприятие номер ${i} по плану;01.02.2025;Отдел ${i % 17}`);
  return { name: 'большой.csv', buffer: new TextEncoder().encode(lines.join('\n')) };
}

async function budgetError(promise: Promise<unknown>): Promise<FileReadError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileReadError);
  expect((error as FileReadError).code).toBe('budget');
  return error as FileReadError;
}

async function gone(before: number[]): Promise<void> {
  for (let i = 0; i < 100 && children().some((pid) => !before.includes(pid)); i++)
    await new Promise((r) => setTimeout(r, 50));
  expect(children().filter((pid) => !before.includes(pid))).toEqual([]);
}

const FAILING = new URL('../helpers/failing-child.ts', import.meta.url).href;

describe('reading in a child process', () => {
  it('answers as reading in place does, and the child exits by itself', async () => {
    const before = children();
    const file = bigCsv(2_000);
    const inChild = await readDocumentsInWorker(file, { today });
    expect(inChild.documents).toEqual((await readDocumentsFromFile(file, { today })).documents);
    expect(inChild.documents[0].items).toHaveLength(2_000);
    await gone(before);
  });

  it('ends a read over its time budget, and the next read works', async () => {
    const before = children();
    const error = await budgetError(
      readDocumentsInWorker(bigCsv(100_000), { today }, { timeoutMs: 150, memoryMb: 768 }),
    );
    expect(error.limit).toBe('time');
    expect(error.message).toBe(
      'файл большой.csv не прочитан: процесс чтения не уложился в отведённое время (0,15 с) и остановлен',
    );
    await gone(before);
    expect((await readDocumentsInWorker(bigCsv(10), { today })).documents[0].items).toHaveLength(10);
  });

  it('ends a read over its memory budget without taking this process down', async () => {
    const before = children();
    const error = await budgetError(
      readDocumentsInWorker(bigCsv(100_000), { today }, { timeoutMs: 60_000, memoryMb: 24 }),
    );
    expect(error.limit).toBe('memory');
    expect(error.message).toBe(
      'файл большой.csv не прочитан: процессу чтения не хватило отведённой памяти (24 МБ)',
    );
    await gone(before);
  }, 60_000);

  it('runs the child with Node’s compile cache on, so a later child loads no TypeScript stripper', async () => {
    const module = new URL('../helpers/child-probe.ts', import.meta.url).href;
    const dir = (await callInWorker(module, 'compileCacheDir', [], 'проба')) as string | undefined;
    const base = process.env.NODE_COMPILE_CACHE || join(tmpdir(), 'node-compile-cache');
    expect(dir).toBe(join(base, basename(dir ?? '')));
    expect(existsSync(dir ?? '')).toBe(true);
  });

  it.each([
    ['abort', [], 'сигнал SIGABRT'],
    ['exitWith', [3], 'код 3'],
  ] as const)('labels a child that crashes (%s) a crash, not memory', async (fn, args, how) => {
    const before = children();
    const error = await budgetError(callInWorker(FAILING, fn, [...args], 'плохой.xlsx'));
    expect(error.limit).toBe('crash');
    expect(error.message).toBe(
      `файл плохой.xlsx не прочитан: процесс чтения аварийно завершился (${how}), не исчерпав отведённых времени и памяти`,
    );
    await gone(before);
  });

  it("gives back the job's own error: the readers' as FileReadError, any other as a plain Error", async () => {
    const own = await callInWorker(FAILING, 'throwFileError', ['длинный.csv'], 'x').catch((e: unknown) => e);
    expect(own).toBeInstanceOf(FileReadError);
    expect(own).toMatchObject({ code: 'too_large', file: 'длинный.csv', limit: 'rows' });
    expect((own as Error).message).toBe('файл длинный.csv не принят: слишком много строк');
    const other = await callInWorker(FAILING, 'throwSystemError', [], 'x').catch((e: unknown) => e);
    expect(other).not.toBeInstanceOf(FileReadError);
    expect((other as Error).message).toBe('ENOENT: no such file');
  });
});
