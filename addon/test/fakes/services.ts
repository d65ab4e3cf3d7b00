// The other Apps Script services the add-in touches: PropertiesService, LockService, CacheService,
// HtmlService (files from addon/dist), UrlFetchApp (real synchronous HTTP through a child process),
// Session, Utilities, ScriptApp. All calls counted under their service's name.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CallLog, facade } from './calls.ts';
import type { HtmlOutputLike } from './spreadsheet-app.ts';

export interface ServicesWorld {
  log: CallLog;
  authMode: 'NONE' | 'LIMITED' | 'FULL';
  distDir: string;
  locale: string;
  timeZone: string;
  documentProperties: Map<string, string>;
  userProperties: Map<string, string>;
  /** When true, another editor holds the document lock. */
  lockBusy: boolean;
  lockHeld: boolean;
  triggers: { id: string; handler: string; everyDays?: number; everyHours?: number; atHour?: number }[];
  fetches: {
    url: string;
    method: string;
    headers: Record<string, string>;
    body: string;
    status: number | null;
  }[];
}

function propertiesStore(world: ServicesWorld, log: CallLog, map: Map<string, string>) {
  const guard = (): void => {
    if (world.authMode === 'NONE')
      throw new Error('Exception: PropertiesService is not available in AuthMode.NONE');
  };
  return facade(log, 'PropertiesService', 'Properties', {
    getProperty: (k: string) => {
      guard();
      return map.has(k) ? (map.get(k) as string) : null;
    },
    setProperty(k: string, v: string) {
      guard();
      map.set(k, String(v));
      return this;
    },
    setProperties(o: Record<string, string>, deleteAllOthers?: boolean) {
      guard();
      if (deleteAllOthers) map.clear();
      for (const [k, v] of Object.entries(o)) map.set(k, String(v));
      return this;
    },
    getProperties: () => {
      guard();
      return Object.fromEntries(map);
    },
    getKeys: () => {
      guard();
      return [...map.keys()];
    },
    deleteProperty(k: string) {
      guard();
      map.delete(k);
      return this;
    },
  });
}

export function createServices(world: ServicesWorld, vmDate: () => DateConstructor) {
  const { log } = world;
  const PropertiesService = facade(log, 'PropertiesService', 'PropertiesService', {
    getDocumentProperties: () => propertiesStore(world, log, world.documentProperties),
    getUserProperties: () => propertiesStore(world, log, world.userProperties),
  });

  const lock = facade(log, 'LockService', 'Lock', {
    tryLock: (_ms: number) => {
      if (world.lockBusy) return false;
      world.lockHeld = true;
      return true;
    },
    waitLock: (ms: number) => {
      if (world.lockBusy) throw new Error(`Exception: Lock timeout after ${ms} ms`);
      world.lockHeld = true;
    },
    hasLock: () => world.lockHeld,
    releaseLock: () => {
      world.lockHeld = false;
    },
  });
  const LockService = facade(log, 'LockService', 'LockService', {
    getDocumentLock: () => lock,
    getScriptLock: () => lock,
  });

  const cache = new Map<string, { value: string; until: number }>();
  const cacheFacade = facade(log, 'CacheService', 'Cache', {
    get: (k: string) => {
      const e = cache.get(k);
      return e && e.until > Date.now() ? e.value : null;
    },
    put: (k: string, v: string, seconds = 600) => {
      cache.set(k, { value: String(v), until: Date.now() + seconds * 1000 });
    },
    remove: (k: string) => {
      cache.delete(k);
    },
  });
  const CacheService = facade(log, 'CacheService', 'CacheService', {
    getDocumentCache: () => cacheFacade,
    getUserCache: () => cacheFacade,
  });

  const htmlOutput = (file: string, content: string): HtmlOutputLike => {
    const raw = {
      __file: file,
      __width: 0,
      __height: 0,
      __title: '',
      getContent: () => content,
      getTitle: () => raw.__title,
      setTitle(t: string) {
        raw.__title = t;
        return this;
      },
      setWidth(w: number) {
        raw.__width = w;
        return this;
      },
      setHeight(h: number) {
        raw.__height = h;
        return this;
      },
    };
    return facade(log, 'HtmlService', 'HtmlOutput', raw) as unknown as HtmlOutputLike;
  };
  const HtmlService = facade(log, 'HtmlService', 'HtmlService', {
    createHtmlOutputFromFile: (name: string) => {
      const path = join(world.distDir, `${name}.html`);
      if (!existsSync(path)) throw new Error(`Exception: No HTML file named ${name} was found.`);
      return htmlOutput(name, readFileSync(path, 'utf8'));
    },
  });

  const UrlFetchApp = facade(log, 'UrlFetchApp', 'UrlFetchApp', {
    fetch: (
      url: string,
      params: {
        method?: string;
        headers?: Record<string, string>;
        payload?: string;
        contentType?: string;
        muteHttpExceptions?: boolean;
      } = {},
    ) => {
      if (world.authMode !== 'FULL')
        throw new Error('Exception: UrlFetchApp needs authorisation (AuthMode.FULL)');
      const method = (params.method ?? 'get').toUpperCase();
      const headers: Record<string, string> = { ...(params.headers ?? {}) };
      if (params.contentType) headers['Content-Type'] = params.contentType;
      const body = params.payload ?? '';
      const r = httpSync(url, method, headers, body);
      world.fetches.push({ url, method, headers, body, status: r.status ?? null });
      if (r.error) throw new Error(`Exception: Address unavailable: ${url} (${r.error})`);
      const status = r.status as number;
      if (status >= 400 && !params.muteHttpExceptions)
        throw new Error(
          `Exception: Request failed for ${url} returned code ${status}. Truncated server response: ${r.body.slice(0, 100)}`,
        );
      return facade(log, 'UrlFetchApp', 'HTTPResponse', {
        getResponseCode: () => status,
        getContentText: () => r.body,
        getHeaders: () => r.headers ?? {},
      });
    },
  });

  const Session = facade(log, 'Session', 'Session', {
    getActiveUserLocale: () => world.locale,
    getScriptTimeZone: () => world.timeZone,
  });

  const Utilities = facade(log, 'Utilities', 'Utilities', {
    formatDate: (date: Date, timeZone: string, pattern: string) => formatDate(date, timeZone, pattern),
    getUuid: () => crypto.randomUUID(),
    sleep: (_ms: number) => undefined,
  });

  let triggerSeq = 1;
  const triggerFacade = (t: ServicesWorld['triggers'][number]) =>
    facade(log, 'ScriptApp', 'Trigger', {
      __id: t.id,
      getUniqueId: () => t.id,
      getHandlerFunction: () => t.handler,
      getEventType: () => 'CLOCK',
    });
  const ScriptApp = facade(log, 'ScriptApp', 'ScriptApp', {
    AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' },
    getProjectTriggers: () => world.triggers.map(triggerFacade),
    deleteTrigger: (t: { __id: string }) => {
      world.triggers = world.triggers.filter((x) => x.id !== t.__id);
    },
    newTrigger: (handler: string) => {
      const spec: ServicesWorld['triggers'][number] = { id: `t${triggerSeq++}`, handler };
      const clock = facade(log, 'ScriptApp', 'ClockTriggerBuilder', {
        everyDays(n: number) {
          spec.everyDays = n;
          return this;
        },
        everyHours(n: number) {
          spec.everyHours = n;
          return this;
        },
        everyMinutes(_n: number) {
          throw new Error('Exception: add-ons may not run time-based triggers more often than once an hour');
        },
        atHour(h: number) {
          spec.atHour = h;
          return this;
        },
        create: () => {
          if (world.authMode !== 'FULL')
            throw new Error('Exception: ScriptApp.newTrigger needs AuthMode.FULL');
          if (world.triggers.some((t) => t.handler === handler))
            throw new Error(
              `fake: a second trigger for ${handler} — add-ons allow one per event type and document`,
            );
          world.triggers.push(spec);
          return triggerFacade(spec);
        },
      });
      return facade(log, 'ScriptApp', 'TriggerBuilder', { timeBased: () => clock });
    },
  });
  void vmDate;
  return {
    PropertiesService,
    LockService,
    CacheService,
    HtmlService,
    UrlFetchApp,
    Session,
    Utilities,
    ScriptApp,
  };
}

/** Formats like Utilities.formatDate for the common pattern letters (yyyy MM dd HH mm ss). */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return pattern.replace(/yyyy|MM|dd|HH|mm|ss/g, (k) =>
    k === 'yyyy'
      ? get('year')
      : k === 'MM'
        ? get('month')
        : k === 'dd'
          ? get('day')
          : k === 'HH'
            ? get('hour')
            : k === 'mm'
              ? get('minute')
              : get('second'),
  );
}

const CHILD = `
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
fetch(input.url, { method: input.method, headers: input.headers, body: input.method === 'GET' ? undefined : input.body, redirect: 'follow', signal: AbortSignal.timeout(20000) })
  .then(async (r) => { const headers = {}; r.headers.forEach((v, k) => { headers[k] = v; }); process.stdout.write(JSON.stringify({ status: r.status, headers, body: await r.text() })); })
  .catch((e) => process.stdout.write(JSON.stringify({ error: String((e && e.cause && e.cause.code) || e) })));
`;

/** One blocking HTTP request: a child node process does the fetch (the vm code expects a return value). */
export function httpSync(url: string, method: string, headers: Record<string, string>, body: string) {
  const r = spawnSync(process.execPath, ['-e', CHILD], {
    input: JSON.stringify({ url, method, headers, body }),
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0 && !r.stdout) return { error: `child failed: ${r.stderr || r.error}`, body: '' };
  return JSON.parse(r.stdout) as {
    status?: number;
    headers?: Record<string, string>;
    body: string;
    error?: string;
  };
}
