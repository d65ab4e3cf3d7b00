// Builds the add-in folder clasp pushes: dist/Code.js (one es2019 script Apps Script V8 loads),
// dist/appsscript.json (copied from the repository root) and the self-contained HTML files.
// Apps Script only sees top-level function declarations, so the IIFE bundle is followed by one
// generated wrapper per exported entry point: `function onOpen(e){return __bundle.onOpen(e)}`.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The domain core's model.ts declares its zod/mini schemas at top level for the service; the add-in
 * never parses with them, but a bundler must keep calls it cannot prove free of side effects. Marking
 * each `z.…(` call pure lets esbuild drop the unused schemas and with them zod (about 28 KB of the
 * bundle). Schemas the add-in did use would stay: a pure call is only dropped when its value is unused.
 */
const pureZodSchemas: Plugin = {
  name: 'pure-zod-schemas',
  setup(b) {
    b.onLoad({ filter: /[\\/]shared[\\/]src[\\/]model\.ts$/ }, (args) => ({
      loader: 'ts',
      contents: readFileSync(args.path, 'utf8').replace(/(?<![\w.])z\.(?=\w+\()/g, '/* @__PURE__ */ z.'),
    }));
  },
};
const dist = join(here, 'dist');
const entry = join(here, 'src', 'entry.ts');

/** Names the entry module exports: every menu callback, trigger and google.script.run target. */
async function exportNames(): Promise<string[]> {
  const probe = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    outdir: 'probe',
    logLevel: 'silent',
  });
  const output = Object.values(probe.metafile.outputs).find((o) => o.entryPoint);
  if (!output) throw new Error('build: esbuild reported no entry output');
  return output.exports.filter((n) => n !== 'default').sort();
}

export async function buildAddon(): Promise<{ codeBytes: number; globals: string[] }> {
  const globals = await exportNames();
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: '__bundle',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['import', 'default'],
    target: 'es2019',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'warning',
    plugins: [pureZodSchemas],
  });
  const body = result.outputFiles[0].text.replace(/^var __bundle=/, 'var __bundle=');
  if (/\b(import|export)\s*[{*]|\brequire\(|\bprocess\.|\bBuffer\b/.test(body.replace(/"[^"]*"/g, ''))) {
    throw new Error('build: the bundle still refers to modules or Node globals');
  }
  const wrappers = globals
    .map((n) => `function ${n}(){return __bundle.${n}.apply(this,arguments)}`)
    .join('\n');
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const code = `${body}\n${wrappers}\n`;
  writeFileSync(join(dist, 'Code.js'), code);
  copyFileSync(join(here, '..', 'appsscript.json'), join(dist, 'appsscript.json'));
  for (const f of readdirSync(join(here, 'html'))) {
    if (f.endsWith('.html')) writeFileSync(join(dist, f), readFileSync(join(here, 'html', f)));
  }
  return { codeBytes: Buffer.byteLength(code), globals };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { codeBytes, globals } = await buildAddon();
  console.log(`addon/dist/Code.js: ${(codeBytes / 1024).toFixed(1)} KB, ${globals.length} globals`);
}
