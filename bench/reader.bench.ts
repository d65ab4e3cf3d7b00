// reader: the Word and the streamed spreadsheet reads of `inspect`, each against a bare read of the
// same file with the underlying library in the same run (interleaved, medians).
//   inspect_docx_rows_per_s      item rows per second, a 2,000-row Word table through
//                                readDocumentsFromFile (read-docx + tables + recognition)
//   inspect_docx_overhead_ratio  that / yauzl + saxes doing only unzip and a SAX walk of
//                                word/document.xml (target ≤ 1.5)
//   inspect_stream_ratio_100k    readDocumentsFromFile of a 100,000-row .xlsx / exceljs'
//                                streaming WorkbookReader reading every row's values (≤ 1.3)
//   inspect_peak_rss_mb_100k     peak RSS of a child process reading that file as `inspect` does,
//                                in a read worker (≤ 450)
//   inspect_docx_ms, inspect_docx_blocks_ms, inspect_stream_ms_100k  medians: the full .docx read,
//                                its read-docx part alone (the rest is tables + recognition), the
//                                full 100,000-row .xlsx read
// The timed product path is the function the read worker runs; the worker itself adds a fixed
// start-up, not per-row cost. Quick uses the same sizes with fewer runs (about 100 s on a busy
// 2-core machine, most of it writing and reading the 100,000-row workbook).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS } from '@cluster/sync-service/files/limits.ts';
import { readDocxBlocks } from '@cluster/sync-service/files/read-docx.ts';
import { readDocumentsFromFile } from '@cluster/sync-service/files/read-file.ts';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { writeRoadmapDocx } from './reader-docx.ts';
import { writeRoadmap } from './roadmap-xlsx.ts';
import { interleaved } from './timing.ts';

const TODAY = '2021-11-01';

async function inspectItems(file: string): Promise<number> {
  const result = await readDocumentsFromFile(file, { today: TODAY });
  return result.documents.reduce((n, d) => n + d.items.length, 0);
}

/** The baseline: unzip word/document.xml with yauzl and walk it with saxes, nothing more. */
function bareDocx(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on('error', reject);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== 'word/document.xml') return zip.readEntry();
        zip.openReadStream(entry, async (e, stream) => {
          if (e) return reject(e);
          const parser = new SaxesParser({ position: false });
          let events = 0;
          parser.on('opentag', () => events++);
          parser.on('closetag', () => events++);
          parser.on('text', () => events++);
          stream.setEncoding('utf8');
          try {
            for await (const chunk of stream) parser.write(chunk as string);
            parser.close();
          } catch (error) {
            return reject(error);
          }
          zip.close();
          resolve(events);
        });
      });
      zip.readEntry();
    });
  });
}

/** The baseline: exceljs' streaming reader touching every row's values. */
async function bareXlsx(file: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'emit',
  });
  let cells = 0;
  for await (const sheet of reader) for await (const row of sheet) cells += (row.values as unknown[]).length;
  return cells;
}

async function docxFigures(dir: string, reps: number): Promise<Record<string, number>> {
  const file = join(dir, 'roadmap.docx');
  const items = writeRoadmapDocx(file, 2_000);
  await bareDocx(file);
  const found = await inspectItems(file);
  if (items === 0 || found !== items) throw new Error(`reader bench: .docx ${items} items, read ${found}`);
  const [bareMs, fullMs, blocksMs] = await interleaved(reps, [
    () => bareDocx(file),
    () => inspectItems(file),
    () => readDocxBlocks(file, file, DEFAULT_LIMITS),
  ]);
  return {
    inspect_docx_rows_per_s: items / (fullMs / 1000),
    inspect_docx_overhead_ratio: fullMs / bareMs,
    inspect_docx_ms: fullMs,
    inspect_docx_blocks_ms: blocksMs,
  };
}

async function streamFigures(dir: string, reps: number): Promise<Record<string, number>> {
  const file = join(dir, 'roadmap-100k.xlsx');
  const items = await writeRoadmap(file, 100_000);
  const child = fileURLToPath(new URL('./reader-child.ts', import.meta.url));
  const out = JSON.parse(execFileSync(process.execPath, [child, file, TODAY], { encoding: 'utf8' }));
  if (out.items !== items) throw new Error(`reader bench: .xlsx ${items} items, read ${out.items}`);
  const [bareMs, fullMs] = await interleaved(reps, [() => bareXlsx(file), () => inspectItems(file)]);
  return {
    inspect_stream_ratio_100k: fullMs / bareMs,
    inspect_peak_rss_mb_100k: out.peakMb,
    inspect_stream_ms_100k: fullMs,
  };
}

export async function run({ quick }: { quick: boolean }): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'reader-bench-'));
  try {
    return { ...(await docxFigures(dir, quick ? 15 : 25)), ...(await streamFigures(dir, quick ? 3 : 5)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
