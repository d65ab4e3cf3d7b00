// The built folder is what clasp pushes: one Code.js Apps Script V8 can load, the manifest, HTML.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { transformSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { AddonWorld, DIST } from './fakes/world.ts';
import { ensureBuilt } from './helpers.ts';

beforeAll(ensureBuilt);

const ENTRY_POINTS = [
  'onOpen',
  'onInstall',
  'onEdit',
  'highlightDeadlines',
  'clearHighlight',
  'checkTable',
  'listProblems',
  'selectCell',
  'syncNow',
  'archivePlan',
  'insertRoadmapTemplate',
  'insertWorkPlanTemplate',
  'insertDecisionsTemplate',
  'showProtocolDialog',
  'importProtocol',
  'showSettings',
  'getSettings',
  'saveSettings',
  'dailyRun',
];

describe('addon/dist', () => {
  it('Code.js declares every entry point as a top-level function and has no module syntax', () => {
    const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
    for (const name of ENTRY_POINTS) expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\brequire\(|\bprocess\.env|\bBuffer\./);
    // A classic script (not a module) compiles: that is how Apps Script reads it.
    expect(() => new vm.Script(code, { filename: 'Code.js' })).not.toThrow();
  });

  it('Code.js loads in an empty realm: no Node globals, nothing Google-specific at load time', () => {
    const ctx = vm.createContext({});
    vm.runInContext(readFileSync(join(DIST, 'Code.js'), 'utf8'), ctx);
    for (const name of ENTRY_POINTS) expect(typeof (ctx as Record<string, unknown>)[name]).toBe('function');
  });

  it('stays small: well under 250 KB, the unused zod schemas of the core dropped', () => {
    const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
    const kb = statSync(join(DIST, 'Code.js')).size / 1024;
    expect(kb).toBeLessThan(250);
    // zod's schema classes would show as their names ("$ZodObject"…); only the jitless switch stays.
    expect(code).not.toMatch(/\$Zod[A-Z]/);
    expect(code).toContain('__zod_globalConfig');
  });

  it('is es2019 already: lowering it to es2019 changes nothing', () => {
    // Whitespace-only minification, so esbuild does not re-sugar `a==null?void 0:a.b` into `a?.b`.
    const at = (target: string, code: string) =>
      transformSync(code, { target, minifyWhitespace: true, charset: 'utf8' }).code;
    const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
    expect(at('es2019', code) === at('esnext', code)).toBe(true);
    // The comparison does see syntax newer than es2019.
    for (const newer of ['var a=b?.c', 'var a=b??c', 'class K{#p=1}', 'class K{static x=1}', 'a||=b'])
      expect(at('es2019', newer)).not.toBe(at('esnext', newer));
  });

  it('runs without code generation: the worlds forbid eval and new Function (zod is jitless)', () => {
    const w = new AddonWorld();
    expect(() => vm.runInContext('eval("1")', w.context)).toThrow(/Code generation from strings disallowed/);
    expect(() => vm.runInContext('new Function("return 1")', w.context)).toThrow(/disallowed/);
  });

  it('carries the manifest with minimal explicit scopes, and self-contained HTML', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    // The Sheets API (one read, one batchUpdate per action) needs the spreadsheets scope: an
    // advanced service cannot be restricted to the current document (README «Scopes»).
    expect(manifest.dependencies.enabledAdvancedServices).toEqual([
      { userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' },
    ]);
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.external_request',
      'https://www.googleapis.com/auth/script.scriptapp',
    ]);
    // Each Apps Script service the code names is covered by one of those scopes, and nothing else
    // (no Drive, Gmail, Calendar…): Session's locale and LockService need no scope of their own.
    const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
    const services = [...new Set(code.match(/\b[A-Z][A-Za-z]*(?:App|Service)\b/g))].sort();
    expect(services).toEqual([
      'HtmlService', // script.container.ui (sidebars, dialogs)
      'LockService',
      'PropertiesService',
      'ScriptApp', // script.scriptapp (the daily trigger)
      'SpreadsheetApp', // spreadsheets (and the Sheets advanced service)
      'UrlFetchApp', // script.external_request (sync)
    ]);
    const html = readdirSync(DIST).filter((f) => f.endsWith('.html'));
    expect(html.sort()).toEqual(['check.html', 'protocol.html', 'settings.html']);
    for (const f of html) {
      const text = readFileSync(join(DIST, f), 'utf8');
      expect(text).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
      expect(text).toContain('google.script.run');
    }
  });
});
