// Shared set-up of the add-in tests: build once, then worlds loaded with the sample tables.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Document, recognizeTables } from '@cluster/shared';
import { afterEach, expect } from 'vitest';
import { buildAddon } from '../build.ts';
import type { SheetModel } from './fakes/model.ts';
import { AddonWorld, type WorldOptions, worlds } from './fakes/world.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const SAMPLES = join(here, '..', '..', 'fixtures', 'samples');

// After every test: the add-in touched nothing the types do not declare or the fakes do not
// implement (even where it caught the exception itself).
afterEach(() => {
  const misuse = worlds.splice(0).flatMap((w) => w.log.violations);
  expect(misuse, 'Apps Script members the add-in used that the types or fakes lack').toEqual([]);
});

let built: Promise<unknown> | null = null;
/** Builds addon/dist once per test process (the tests run the built Code.js, not the sources). */
export function ensureBuilt(): Promise<unknown> {
  built ??= buildAddon();
  return built;
}

export function sample(name: string): string {
  return readFileSync(join(SAMPLES, name), 'utf8');
}

/** The settings form with no sync configured: «скоро срок» `soonDays`, the daily run `autoDaily`. */
export function localSettings(soonDays: string, autoDaily: boolean) {
  return { serviceUrl: '', cluster: '', token: '', periodStart: '', periodEnd: '', soonDays, autoDaily };
}

export const ROADMAP = 'roadmap-tomsk-construction-2021.txt';
export const PLAN = 'plan-smolensk-light-industry-2018-2019.txt';

export function worldWith(file: string, opts: WorldOptions = {}): AddonWorld {
  const w = new AddonWorld(opts);
  w.addSheetFromTsv('План', sample(file));
  return w;
}

/** What the domain core reads from the first six columns of a fake sheet (the test's expectation). */
export function coreDocuments(sheet: SheetModel, today: string): Document[] {
  const grid = [];
  for (let r = 1; r <= sheet.extent().rows; r++) {
    const row = [];
    for (let c = 1; c <= 6; c++) {
      const v = sheet.value(r, c);
      row.push(v === '' ? null : (v as string));
    }
    grid.push(row);
  }
  return recognizeTables(grid, { today, sheetName: sheet.name });
}
