// The other Apps Script services the add-in touches: PropertiesService, LockService, CacheService,
// HtmlService (files from addon/dist), UrlFetchApp (real synchronous HTTP through a child process),
// Session, Utilities, ScriptApp. All calls counted under their service's name.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CallLog, enumValue, facade, inner } from './calls.ts';
import { wallClockParts } from './model.ts';
import type { HtmlOutputLike } from './spreadsheet-app.ts';

export interface TriggerSpec {
  id: string;
  handler: string;
  user: string;
  documentId: string;
  everyDays?: number;
  everyHours?: number;
  atHour?: number;
}

export interface ServicesWorld {
  log: CallLog;
  authMode: 'NONE' | 'LIMITED' | 'FULL';
  distDir: string;
  locale: string;
  timeZone: string;
  documentProperties: Map<string, string>;
  userProperties: Map<string, string>;
  /** When true, UrlFetchApp.fetch is refused (permission not granted). */
  fetchDenied?: boolean;
  /** When true, another editor holds the document lock. */
  lockBusy: boolean;
  lockHeld: boolean;
  /** Installable triggers of every user and document of this add-on. */
  triggers: TriggerSpec[];
  /** The user the script runs as (an installable trigger runs as its creator). */
  user: string;
  /** Id of the document the add-on runs in. */
  documentId: string;
  /** 'test': a test deployment, where installable triggers cannot be created. */
  deployment: 'installed' | 'test';
  /** What started the execution: a menu/sidebar call, a simple trigger, a time-driven trigger. */
  context: 'menu' | 'simple' | 'time';
  fetches: {
    url: string;
    method: string;
    headers: Record<string, string>;
    body: string;
    status: number | null;
  }[];
}

// Authorization (AuthMode.NONE has no properties) is checked for every call in auth.ts.
function propertiesStore(log: CallLog, map: Map<string, string>) {
  return facade(log, 'PropertiesService', 'Properties.Properties', {
    getProperty: (k: string) => {
      return map.has(k) ? (map.get(k) as string) : null;
    },
    setProperty(k: string, v: string) {
      map.set(k, String(v));
      return this;
    },
    setProperties(o: Record<string, string>, deleteAllOthers?: boolean) {
      if (deleteAllOthers) map.clear();
      for (const [k, v] of Object.entries(o)) map.set(k, String(v));
      return this;
    },
    getProperties: () => {
      return Object.fromEntries(map);
    },
    getKeys: () => {
      return [...map.keys()];
    },
    deleteProperty(k: string) {
      map.delete(k);
      return this;
    },
  });
}

export function createServices(world: ServicesWorld, vmDate: () => DateConstructor) {
  const { log } = world;
  const PropertiesService = facade(log, 'PropertiesService', 'Properties.PropertiesService', {
    getDocumentProperties: () => propertiesStore(log, world.documentProperties),
    getUserProperties: () => propertiesStore(log, world.userProperties),
  });

  const lock = facade(log, 'LockService', 'Lock.Lock', {
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
  const LockService = facade(log, 'LockService', 'Lock.LockService', {
    getDocumentLock: () => lock,
    getScriptLock: () => lock,
  });

  const cache = new Map<string, { value: string; until: number }>();
  const cacheFacade = facade(log, 'CacheService', 'Cache.Cache', {
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
  const CacheService = facade(log, 'CacheService', 'Cache.CacheService', {
    getDocumentCache: () => cacheFacade,
    getUserCache: () => cacheFacade,
  });

  const htmlOutput = (file: string, content: string): HtmlOutputLike => {
    const raw = {
      __file: file,
      __width: 0,
      __height: 0,
      __title: '',
      getContent: () => content + raw.__appended,
      __appended: '',
      append(more: string) {
        raw.__appended += more;
        return this;
      },
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
    return facade(log, 'HtmlService', 'HTML.HtmlOutput', raw) as unknown as HtmlOutputLike;
  };
  const HtmlService = facade(log, 'HtmlService', 'HTML.HtmlService', {
    createHtmlOutputFromFile: (name: string) => {
      const path = join(world.distDir, `${name}.html`);
      if (!existsSync(path)) throw new Error(`Exception: No HTML file named ${name} was found.`);
      return htmlOutput(name, readFileSync(path, 'utf8'));
    },
  });

  const UrlFetchApp = facade(log, 'UrlFetchApp', 'URL_Fetch.UrlFetchApp', {
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
      // The user did not allow external requests (or the manifest's allowlist lacks the address).
      if (world.fetchDenied)
        throw new Error(
          'Exception: You do not have permission to call UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request',
        );
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
      return facade(log, 'UrlFetchApp', 'URL_Fetch.HTTPResponse', {
        getResponseCode: () => status,
        getContentText: () => r.body,
        getHeaders: () => r.headers ?? {},
      });
    },
  });

  const Session = facade(log, 'Session', 'Base.Session', {
    getActiveUserLocale: () => world.locale,
    getScriptTimeZone: () => world.timeZone,
  });

  const Utilities = facade(log, 'Utilities', 'Utilities.Utilities', {
    formatDate: (date: Date, timeZone: string, pattern: string) => formatDate(date, timeZone, pattern),
    getUuid: () => crypto.randomUUID(),
    // Java's signed bytes, as Apps Script returns them.
    computeDigest: (algorithm: unknown, value: string, charset?: unknown) => {
      const name = String(algorithm).toLowerCase().replace('_', '');
      if (charset !== undefined && String(charset) !== 'UTF_8')
        throw new Error('fake: only UTF_8 is implemented');
      return [
        ...createHash(name === 'sha1' ? 'sha1' : name)
          .update(String(value), 'utf8')
          .digest(),
      ].map((x) => (x > 127 ? x - 256 : x));
    },
    sleep: (_ms: number) => undefined,
  });

  // Installable triggers belong to the user who created them and to one document: another
  // editor neither sees nor deletes them. getProjectTriggers lists the user's triggers of this
  // project in EVERY document; getUserTriggers(spreadsheet) those of one document.
  let triggerSeq = 1;
  const triggerFacade = (t: TriggerSpec) =>
    facade(log, 'ScriptApp', 'Script.Trigger', {
      __id: t.id,
      getUniqueId: () => t.id,
      getHandlerFunction: () => t.handler,
      getEventType: () => enumValue('Script.EventType', 'CLOCK'),
      getTriggerSource: () => enumValue('Script.TriggerSource', 'CLOCK'),
      getTriggerSourceId: () => null,
    });
  const mine = (t: TriggerSpec): boolean => t.user === world.user;
  const ScriptApp = facade(log, 'ScriptApp', 'Script.ScriptApp', {
    getProjectTriggers: () => world.triggers.filter(mine).map(triggerFacade),
    getUserTriggers: (doc: GoogleAppsScript.Spreadsheet.Spreadsheet) => {
      const id = doc.getId();
      return world.triggers.filter((t) => mine(t) && t.documentId === id).map(triggerFacade);
    },
    deleteTrigger: (t: GoogleAppsScript.Script.Trigger) => {
      const id = inner<{ __id: string }>(t).__id;
      const found = world.triggers.find((x) => x.id === id);
      if (found && !mine(found))
        throw new Error('Exception: This trigger belongs to another user and cannot be deleted.');
      world.triggers = world.triggers.filter((x) => x.id !== id);
    },
    newTrigger: (handler: string) => {
      const spec: TriggerSpec = {
        id: `t${triggerSeq++}`,
        handler,
        user: world.user,
        documentId: world.documentId,
      };
      const clock = facade(log, 'ScriptApp', 'Script.ClockTriggerBuilder', {
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
          // «Test deployments don't support installable triggers» (Test an Editor add-on).
          if (world.deployment === 'test')
            throw new Error('Exception: Installable triggers are not supported in test deployments.');
          if (
            world.triggers.some(
              (t) => t.handler === handler && t.user === world.user && t.documentId === world.documentId,
            )
          )
            throw new Error(
              'Exception: This add-on has already created a time-based trigger for this document for this user.',
            );
          world.triggers.push(spec);
          return triggerFacade(spec);
        },
      });
      return facade(log, 'ScriptApp', 'Script.TriggerBuilder', { timeBased: () => clock });
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
  const parts = wallClockParts(date, timeZone);
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
