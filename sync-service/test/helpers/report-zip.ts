// The parts of an .xlsx (a zip) as text, read with the system's `unzip`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function unzipEntries(bytes: Uint8Array): Promise<Map<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'xlsx-parts-'));
  try {
    const file = join(dir, 'book.xlsx');
    writeFileSync(file, bytes);
    const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter(Boolean);
    const out = new Map<string, string>();
    // unzip reads names as patterns: leave out the one with brackets ([Content_Types].xml).
    for (const name of names.filter((n) => !/[[\]*?]/.test(n))) {
      const text = execFileSync('unzip', ['-p', file, name], { encoding: 'utf8', maxBuffer: 1 << 30 });
      out.set(name.replace(/^\//, ''), text);
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
