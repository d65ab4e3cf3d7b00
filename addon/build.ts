// Builds the add-in folder clasp pushes: dist/Code.js (one es2019 script Apps Script V8 loads),
// dist/appsscript.json (copied from the repository root) and the self-contained HTML files.
// Apps Script only sees top-level function declarations, so the IIFE bundle is followed by one
// generated wrapper per exported entry point: `function onOpen(e){return __bundle.onOpen(e)}`.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

export interface BuildOptions {
  /** The sync service's address prefix (SERVICE_URL): https, a public host and a path ending in '/'. */
  serviceUrl?: string;
  /** 'addon' (default): the editor add-on; 'bound': the template spreadsheet's bound script. */
  target?: 'addon' | 'bound';
  /** Output folder; addon/dist (addon) or addon/dist-bound (bound) by default. */
  outDir?: string;
}

/**
 * Checks SERVICE_URL for the manifest's urlFetchWhitelist: Apps Script requires https and a path
 * prefix; a private or local address can never be reached from Google's servers.
 */
export function servicePrefix(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`SERVICE_URL: not an address: ${raw}`);
  }
  if (url.protocol !== 'https:')
    throw new Error(
      `SERVICE_URL: must be https:// (Apps Script fetches only https from a published add-on): ${raw}`,
    );
  if (isPrivateHost(url.hostname))
    throw new Error(
      `SERVICE_URL: ${url.hostname} is a private or local address; Google's servers cannot reach it`,
    );
  if (url.search || url.hash) throw new Error(`SERVICE_URL: no query or fragment: ${raw}`);
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return `https://${url.host}${path}`;
}

function isPrivateHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal'))
    return true;
  if (!h.includes('.') && !h.includes(':')) return true; // an intranet name
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(h);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  return h === '::1' || h.startsWith('fc') || h.startsWith('fd') || h.startsWith('fe80');
}

export async function buildAddon(opts: BuildOptions = {}): Promise<{ codeBytes: number; globals: string[] }> {
  const prefix = opts.serviceUrl ? servicePrefix(opts.serviceUrl) : '';
  const target = opts.target ?? 'addon';
  const out = opts.outDir ?? (target === 'bound' ? join(here, 'dist-bound') : dist);
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
    define: { __SERVICE_PREFIX__: JSON.stringify(prefix), __BOUND_SCRIPT__: String(target === 'bound') },
  });
  const body = result.outputFiles[0].text.replace(/^var __bundle=/, 'var __bundle=');
  if (/\b(import|export)\s*[{*]|\brequire\(|\bprocess\.|\bBuffer\b/.test(body.replace(/"[^"]*"/g, ''))) {
    throw new Error('build: the bundle still refers to modules or Node globals');
  }
  const wrappers = globals
    .map((n) => `function ${n}(){return __bundle.${n}.apply(this,arguments)}`)
    .join('\n');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const code = `${body}\n${wrappers}\n`;
  writeFileSync(join(out, 'Code.js'), code);
  // The manifest: urlFetchWhitelist from SERVICE_URL (a versioned add-on deployment needs it).
  const manifest = JSON.parse(readFileSync(join(here, '..', 'appsscript.json'), 'utf8'));
  // Both targets read and write sheets through the Sheets advanced service (gas.ts readSheetView).
  const services = manifest.dependencies?.enabledAdvancedServices ?? [];
  if (
    !services.some(
      (s: { userSymbol?: string; version?: string }) => s.userSymbol === 'Sheets' && s.version === 'v4',
    )
  )
    throw new Error('build: appsscript.json must enable the Sheets advanced service (v4, userSymbol Sheets)');
  if (prefix) manifest.urlFetchWhitelist = [prefix];
  writeFileSync(join(out, 'appsscript.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const f of readdirSync(join(here, 'html'))) {
    if (f.endsWith('.html')) writeFileSync(join(out, f), readFileSync(join(here, 'html', f)));
  }
  return { codeBytes: Buffer.byteLength(code), globals };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = process.argv.includes('--bound') || process.env.ADDON_TARGET === 'bound' ? 'bound' : 'addon';
  const serviceUrl = process.env.SERVICE_URL ?? '';
  const { codeBytes, globals } = await buildAddon({ serviceUrl, target });
  const folder = target === 'bound' ? 'addon/dist-bound' : 'addon/dist';
  console.log(`${folder}/Code.js: ${(codeBytes / 1024).toFixed(1)} KB, ${globals.length} globals`);
  if (!serviceUrl)
    console.warn(
      'SERVICE_URL is not set: the manifest has no urlFetchWhitelist, so this build cannot be published (development only).',
    );
}
