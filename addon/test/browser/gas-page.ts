// Opens an add-in sidebar or dialog in real Chromium exactly as the built Code.js handed it to
// Ui.showSidebar / Ui.showModalDialog (the HtmlOutput's content, from addon/dist), with the client
// half of Apps Script shimmed: `google.script.run` crosses to the same AddonWorld — the built Code.js
// in node:vm over the fakes — and `google.script.host` is recorded. Only the server is shimmed: the
// page, its DOM, events and validation are Chromium's own.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { type AddonWorld, DIST } from '../fakes/world.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** Screenshots land here (git-ignored). */
export const OUTPUT = join(here, '..', '..', 'test-output');

/** Where Apps Script serves an add-on's HTML: a sandboxed googleusercontent.com origin. */
const PAGE_URL = 'https://n-cluster-addon-0lu-script.googleusercontent.com/userCodeAppPanel';
/** Width Google Sheets gives every add-on sidebar. */
const SIDEBAR_WIDTH = 300;

// One launcher for every browser test: the system Chromium with the flags this closed network needs.
export { launchChromium } from '@cluster/sync-service/test/helpers/chromium.ts';

/** One google.script.run call as the server saw it. */
export interface ServerCall {
  name: string;
  args: unknown[];
  ok: boolean;
  /** The JSON the page received (success value or failure message). */
  response: string;
}

export interface GasPage {
  page: Page;
  calls: ServerCall[];
  /** google.script.host calls: 'close', 'setHeight 400', … */
  host: string[];
  /** Requests the page tried to make to anything but its own document (none expected). */
  blocked: string[];
  /** Uncaught errors in the page, including failures of calls made without a failure handler. */
  errors: string[];
  /** Resolves once every google.script.run call has come back and its handler has run. */
  settle(): Promise<void>;
  screenshot(name: string): Promise<string>;
}

/** The top-level function declarations of the built Code.js: what google.script.run can call. */
function serverFunctions(): string[] {
  const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
  return [...code.matchAll(/^function ([A-Za-z$][\w$]*)\(/gm)]
    .map((m) => m[1])
    .filter((n) => !n.endsWith('_')); // Apps Script hides private functions from the client
}

/** True when `v` holds something google.script.run refuses to carry (a Date or a function). */
function prohibited(v: unknown, seen = new Set<unknown>()): string | null {
  if (typeof v === 'function') return 'Function';
  if (Object.prototype.toString.call(v) === '[object Date]') return 'Date';
  if (v && typeof v === 'object' && !seen.has(v)) {
    seen.add(v);
    for (const x of Object.values(v)) {
      const bad = prohibited(x, seen);
      if (bad) return bad;
    }
  }
  return null;
}

// Runs in the page before its own scripts. Each with…() returns a new runner carrying its handlers,
// so handlers never leak from one call chain into another; a call returns nothing and its handler
// runs later, after the round trip; the failure handler gets an Error with the server's message.
const CLIENT = (functions: string[]): void => {
  let pending = 0;
  Object.defineProperty(window, '__gasPending', { get: () => pending });
  const w = window as unknown as {
    __gasServer(name: string, payload: string): Promise<string>;
    __gasHost(what: string): Promise<void>;
    google: unknown;
  };
  const illegal = (v: unknown, depth: number): string | null => {
    if (v === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof v)) return null;
    if (typeof v === 'function') return 'Function';
    if (v instanceof Date) return 'Date';
    if (v instanceof Node) return 'DOM element';
    if (typeof v === 'object') {
      for (const x of Object.values(v as object)) {
        const bad = illegal(x, depth + 1);
        if (bad) return bad;
      }
      return null;
    }
    return typeof v;
  };
  // A form is legal only as the only parameter; it arrives as { fieldName: value }.
  const formValue = (f: HTMLFormElement): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const e of Array.from(f.elements) as HTMLInputElement[]) {
      if (!e.name) continue;
      if ((e.type === 'checkbox' || e.type === 'radio') && !e.checked) continue;
      out[e.name] = e.value;
    }
    return out;
  };
  const runner = (success: unknown, failure: unknown, userObject: unknown): Record<string, unknown> => {
    const r: Record<string, unknown> = {
      withSuccessHandler: (f: unknown) => runner(f, failure, userObject),
      withFailureHandler: (f: unknown) => runner(success, f, userObject),
      withUserObject: (o: unknown) => runner(success, failure, o),
    };
    for (const name of functions) {
      r[name] = (...args: unknown[]): void => {
        let sent: unknown[];
        if (args.length === 1 && args[0] instanceof HTMLFormElement) sent = [formValue(args[0])];
        else {
          const bad = args.map((a) => illegal(a, 0)).find((x) => x);
          if (bad) throw new Error(`Failed due to illegal value in argument: ${bad}`);
          sent = args;
        }
        pending++;
        w.__gasServer(name, JSON.stringify(sent)).then((raw) => {
          pending--;
          const out = JSON.parse(raw) as { ok: boolean; value?: unknown; message?: string };
          if (out.ok) {
            if (typeof success === 'function') success(out.value, userObject);
            return;
          }
          const error = new Error(out.message);
          error.name = 'ScriptError';
          if (typeof failure === 'function') failure(error, userObject);
          else throw error; // surfaces as an uncaught error in the page, as in Apps Script
        });
      };
    }
    return r;
  };
  w.google = {
    script: {
      run: runner(null, null, undefined),
      host: {
        close: () => void w.__gasHost('close'),
        setHeight: (h: number) => void w.__gasHost(`setHeight ${h}`),
        setWidth: (x: number) => void w.__gasHost(`setWidth ${x}`),
        editor: { focus: () => void w.__gasHost('editor.focus') },
      },
    },
  };
};

export interface Served {
  html: string;
  file: string;
  /** Dialogs: the size set on the HtmlOutput; sidebars get Sheets' fixed width. */
  width?: number;
  height?: number;
}

/** Opens `served` in a new Chromium page whose google.script.run reaches `world`. */
export async function openServed(browser: Browser, world: AddonWorld, served: Served): Promise<GasPage> {
  const context = await browser.newContext({
    viewport: { width: served.width || SIDEBAR_WIDTH, height: served.height || 720 },
    locale: 'ru-RU',
    timezoneId: world.model.timeZone,
  });
  const page = await context.newPage();
  const calls: ServerCall[] = [];
  const host: string[] = [];
  const blocked: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.exposeFunction('__gasServer', (name: string, payload: string): string => {
    const args = JSON.parse(payload) as unknown[];
    let response: string;
    let ok = false;
    try {
      const value = world.call(name, ...args);
      const bad = prohibited(value);
      // Apps Script fails the whole request when the return value holds a Date or a function.
      if (bad) throw new Error(`${name} returned a ${bad}, which google.script.run cannot carry`);
      response = JSON.stringify({ ok: true, value });
      ok = true;
    } catch (e) {
      // Errors thrown inside the vm are of its realm: not `instanceof Error` here.
      const message = e && typeof (e as Error).message === 'string' ? (e as Error).message : String(e);
      response = JSON.stringify({ ok: false, message });
    }
    calls.push({ name, args, ok, response });
    return response;
  });
  await page.exposeFunction('__gasHost', (what: string) => {
    host.push(what);
  });
  await page.addInitScript(CLIENT, serverFunctions());
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === PAGE_URL)
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: served.html });
    // The browser's own favicon probe is not the page's doing.
    if (new URL(url).pathname === '/favicon.ico') return route.fulfill({ status: 404, body: '' });
    blocked.push(url);
    return route.abort();
  });
  await page.goto(PAGE_URL);
  const gas: GasPage = {
    page,
    calls,
    host,
    blocked,
    errors,
    async settle() {
      await page.waitForFunction(() => (window as unknown as { __gasPending: number }).__gasPending === 0);
    },
    async screenshot(name: string) {
      mkdirSync(OUTPUT, { recursive: true });
      const path = join(OUTPUT, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
  };
  await gas.settle();
  return gas;
}

/** The sidebar the last menu click showed, opened in Chromium. */
export function openLastSidebar(browser: Browser, world: AddonWorld): Promise<GasPage> {
  const s = world.ui.sidebars.at(-1);
  if (!s) throw new Error('the add-in showed no sidebar');
  return openServed(browser, world, s);
}

/** The dialog the last menu click showed, opened in Chromium at its own size. */
export function openLastDialog(browser: Browser, world: AddonWorld): Promise<GasPage> {
  const d = world.ui.dialogs.at(-1);
  if (!d) throw new Error('the add-in showed no dialog');
  return openServed(browser, world, d);
}
