// A local stand-in for Google: the OAuth token endpoint a service account signs into (RS256 JWT
// checked against the account's public key) and the Sheets API v4 requests googleapis makes
// (spreadsheets.get for sheet names, values.batchGet for the values). Records every request and
// can be told to fail the next N requests of a kind (429, 500…).
import { createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeCell = string | number | boolean | null;

export interface FakeSheet {
  sheetId: number;
  title: string;
  /** What UNFORMATTED_VALUE + FORMATTED_STRING dates gives: dates already as locale text. */
  values: FakeCell[][];
}

export interface FakeSpreadsheet {
  title: string;
  locale?: string;
  sheets: FakeSheet[];
}

export type RequestKind = 'token' | 'get' | 'batchGet';

export interface RecordedRequest {
  kind: RequestKind;
  method: string;
  path: string;
  query: Record<string, string[]>;
  spreadsheetId?: string;
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface FakeSheetsApi {
  /** Root URL for the Sheets client (SHEETS_API_ROOT_URL), ends with a slash. */
  rootUrl: string;
  tokenUri: string;
  clientEmail: string;
  spreadsheets: Map<string, FakeSpreadsheet>;
  requests: RecordedRequest[];
  /** The next `count` requests of `kind` answer `status`. */
  failNext(kind: RequestKind, status: number, count?: number): void;
  /** Writes a service-account key file pointing at this fake; returns its path. */
  writeCredentials(file: string): string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function googleError(res: ServerResponse, status: number, message: string, reason: string): void {
  send(res, status, { error: { code: status, message, status: reason } });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Google trims trailing empty cells of each row and trailing empty rows. */
function trimmed(values: FakeCell[][]): FakeCell[][] {
  const rows = values.map((row) => {
    let end = row.length;
    while (end > 0 && (row[end - 1] === null || row[end - 1] === '')) end--;
    return row.slice(0, end).map((c) => (c === null ? '' : c));
  });
  let last = rows.length;
  while (last > 0 && rows[last - 1].length === 0) last--;
  return rows.slice(0, last);
}

function columnName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s || 'A';
}

/** `'План'` or `План` or `'It''s'!A1:Z` → the sheet title. */
function sheetTitleOfRange(range: string): string {
  const bang = range.lastIndexOf('!');
  const name = bang >= 0 && !range.endsWith("'") ? range.slice(0, bang) : range;
  if (name.startsWith("'") && name.endsWith("'")) return name.slice(1, -1).replace(/''/g, "'");
  return name;
}

export async function startFakeSheetsApi(): Promise<FakeSheetsApi> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientEmail = 'cluster-sync@test-project.iam.gserviceaccount.com';
  const verifyKey = publicKey;
  const tokens = new Set<string>();
  const spreadsheets = new Map<string, FakeSpreadsheet>();
  const requests: RecordedRequest[] = [];
  const failures: { kind: RequestKind; status: number; count: number }[] = [];

  function injected(kind: RequestKind): number | undefined {
    const f = failures.find((x) => x.kind === kind && x.count > 0);
    if (!f) return undefined;
    f.count--;
    return f.status;
  }

  function verifyAssertion(jwt: string): string | null {
    const parts = jwt.split('.');
    if (parts.length !== 3) return 'malformed assertion';
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${parts[0]}.${parts[1]}`);
    if (!verifier.verify(verifyKey, Buffer.from(parts[2], 'base64url'))) return 'bad signature';
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (header.alg !== 'RS256') return 'alg must be RS256';
    if (claims.iss !== clientEmail) return 'unknown issuer';
    if (!String(claims.scope ?? '').includes('spreadsheets')) return 'no sheets scope';
    const now = Math.floor(Date.now() / 1000);
    if (!(claims.exp > now && claims.iat <= now + 60)) return 'expired assertion';
    return null;
  }

  function authorized(req: IncomingMessage): boolean {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    return !!m && tokens.has(m[1]);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, record: RecordedRequest): Promise<number> {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (record.kind === 'token') {
      if (req.method !== 'POST') {
        googleError(res, 405, 'method', 'INVALID');
        return 405;
      }
      const form = new URLSearchParams(await readBody(req));
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
        send(res, 400, { error: 'unsupported_grant_type' });
        return 400;
      }
      const problem = verifyAssertion(form.get('assertion') ?? '');
      if (problem) {
        send(res, 400, { error: 'invalid_grant', error_description: problem });
        return 400;
      }
      const token = `ya29.fake-${randomBytes(12).toString('hex')}`;
      tokens.add(token);
      send(res, 200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
      return 200;
    }
    if (!authorized(req)) {
      googleError(res, 401, 'Request had invalid authentication credentials.', 'UNAUTHENTICATED');
      return 401;
    }
    const book = spreadsheets.get(record.spreadsheetId ?? '');
    if (!book) {
      googleError(res, 404, 'Requested entity was not found.', 'NOT_FOUND');
      return 404;
    }
    if (record.kind === 'get') {
      send(res, 200, {
        spreadsheetId: record.spreadsheetId,
        properties: { title: book.title, locale: book.locale ?? 'ru_RU' },
        sheets: book.sheets.map((s) => ({ properties: { sheetId: s.sheetId, title: s.title } })),
      });
      return 200;
    }
    const ranges = url.searchParams.getAll('ranges');
    if (ranges.length === 0) {
      googleError(res, 400, 'ranges is required', 'INVALID_ARGUMENT');
      return 400;
    }
    const valueRanges = [];
    for (const range of ranges) {
      const title = sheetTitleOfRange(range);
      const sheet = book.sheets.find((s) => s.title === title);
      if (!sheet) {
        googleError(res, 400, `Unable to parse range: ${range}`, 'INVALID_ARGUMENT');
        return 400;
      }
      const values = trimmed(sheet.values);
      const width = Math.max(1, ...values.map((r) => r.length));
      const a1 = `'${title.replace(/'/g, "''")}'!A1:${columnName(width)}${Math.max(1, values.length)}`;
      valueRanges.push(
        values.length ? { range: a1, majorDimension: 'ROWS', values } : { range: a1, majorDimension: 'ROWS' },
      );
    }
    send(res, 200, { spreadsheetId: record.spreadsheetId, valueRanges });
    return 200;
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query: Record<string, string[]> = {};
    for (const key of new Set(url.searchParams.keys())) query[key] = url.searchParams.getAll(key);
    let kind: RequestKind | undefined;
    let spreadsheetId: string | undefined;
    const batch = /^\/v4\/spreadsheets\/([^/:]+)\/values:batchGet$/.exec(url.pathname);
    const get = /^\/v4\/spreadsheets\/([^/:]+)$/.exec(url.pathname);
    if (url.pathname === '/token') kind = 'token';
    else if (batch) {
      kind = 'batchGet';
      spreadsheetId = decodeURIComponent(batch[1]);
    } else if (get) {
      kind = 'get';
      spreadsheetId = decodeURIComponent(get[1]);
    }
    if (!kind || (kind !== 'token' && req.method !== 'GET')) {
      googleError(res, 404, `No route ${req.method} ${url.pathname}`, 'NOT_FOUND');
      return;
    }
    const record: RecordedRequest = {
      kind,
      method: req.method ?? '',
      path: url.pathname,
      query,
      spreadsheetId,
      status: 0,
      at: Date.now(),
    };
    requests.push(record);
    const failure = injected(kind);
    if (failure) {
      record.status = failure;
      req.resume();
      googleError(
        res,
        failure,
        failure === 429 ? 'Quota exceeded' : 'Backend error',
        failure === 429 ? 'RESOURCE_EXHAUSTED' : 'INTERNAL',
      );
      return;
    }
    handle(req, res, record).then(
      (status) => {
        record.status = status;
      },
      (error) => {
        record.status = 500;
        googleError(res, 500, String(error), 'INTERNAL');
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    rootUrl: `${base}/`,
    tokenUri: `${base}/token`,
    clientEmail,
    spreadsheets,
    requests,
    failNext(kind, status, count = 1) {
      failures.push({ kind, status, count });
    },
    writeCredentials(file) {
      const key = {
        type: 'service_account',
        project_id: 'test-project',
        private_key_id: randomBytes(20).toString('hex'),
        private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        client_email: clientEmail,
        client_id: '100000000000000000000',
        auth_uri: `${base}/auth`,
        token_uri: `${base}/token`,
      };
      writeFileSync(file, JSON.stringify(key, null, 2));
      return file;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
