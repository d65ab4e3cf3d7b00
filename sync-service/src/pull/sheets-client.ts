// Reads Google sheets with a service account: one metadata request (sheet names, locale) and one
// values.batchGet per spreadsheet for all of its registered sheets.
import { readFileSync } from 'node:fs';
import { auth, sheets, type sheets_v4 } from '@googleapis/sheets';
import { DEFAULT_RETRY, type RetryOptions, withRetry } from './retry.ts';

const SCOPES = ['https://www.googleapis.com/auth/spreadsheets.readonly'];
/** google-auth-library posts here whatever the key file says; we honour the file's token_uri. */
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export type SheetValue = string | number | boolean | null;

export interface SheetValues {
  sheetId: number;
  sheetName: string;
  /** Row N of the sheet is values[N-1]. */
  values: SheetValue[][];
}

export interface SpreadsheetValues {
  spreadsheetId: string;
  title: string;
  locale: string;
  sheets: SheetValues[];
  /** Registered sheet ids the spreadsheet no longer has. */
  missing: number[];
}

export interface SheetsReader {
  read(spreadsheetId: string, sheetIds: number[]): Promise<SpreadsheetValues>;
}

export interface SheetsReaderOptions {
  /** Path of the service account's JSON key (GOOGLE_APPLICATION_CREDENTIALS). */
  credentialsFile: string;
  /** Sheets API root, e.g. http://127.0.0.1:PORT/ for a test fake. */
  rootUrl?: string;
  retry?: RetryOptions;
}

interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri?: string;
}

export class CredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialsError';
  }
}

function readKey(file: string): ServiceAccountKey {
  let json: Partial<ServiceAccountKey>;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CredentialsError(
      `GOOGLE_APPLICATION_CREDENTIALS: не удалось прочитать ключ сервисного аккаунта ${file}: ${(error as Error).message}`,
    );
  }
  if (!json.client_email || !json.private_key) {
    throw new CredentialsError(
      `GOOGLE_APPLICATION_CREDENTIALS: в ${file} нет client_email или private_key (нужен JSON-ключ сервисного аккаунта)`,
    );
  }
  return json as ServiceAccountKey;
}

/** A1 range that means "the whole sheet". */
export function wholeSheetRange(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function createSheetsReader(options: SheetsReaderOptions): SheetsReader {
  const key = readKey(options.credentialsFile);
  const jwt = new auth.JWT({
    email: key.client_email,
    key: key.private_key,
    keyId: key.private_key_id,
    scopes: SCOPES,
  });
  const tokenUri = key.token_uri;
  if (tokenUri && tokenUri !== GOOGLE_TOKEN_URL) {
    jwt.transporter.interceptors.request.add({
      resolved: async (config) => {
        if (String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(tokenUri);
        return config;
      },
    });
  }
  const api = sheets({ version: 'v4', auth: jwt, rootUrl: options.rootUrl, retry: false });
  const retry = options.retry ?? DEFAULT_RETRY;

  return {
    async read(spreadsheetId, sheetIds) {
      const meta = await withRetry(
        () =>
          api.spreadsheets.get({
            spreadsheetId,
            fields: 'properties(title,locale),sheets.properties(sheetId,title)',
          }),
        retry,
      );
      const byId = new Map<number, string>();
      for (const s of meta.data.sheets ?? []) {
        const p = s.properties;
        if (p && typeof p.sheetId === 'number' && p.title) byId.set(p.sheetId, p.title);
      }
      const wanted = sheetIds.filter((id) => byId.has(id));
      const missing = sheetIds.filter((id) => !byId.has(id));
      const title = meta.data.properties?.title ?? '';
      const locale = meta.data.properties?.locale ?? 'ru_RU';
      if (wanted.length === 0) return { spreadsheetId, title, locale, sheets: [], missing };
      // Dates as the text a person sees (in the spreadsheet's locale), numbers as numbers: a serial
      // number cannot be told from a plain number without the cell's format.
      const res = await withRetry(
        () =>
          api.spreadsheets.values.batchGet({
            spreadsheetId,
            ranges: wanted.map((id) => wholeSheetRange(byId.get(id)!)),
            valueRenderOption: 'UNFORMATTED_VALUE',
            dateTimeRenderOption: 'FORMATTED_STRING',
            majorDimension: 'ROWS',
          }),
        retry,
      );
      const ranges: sheets_v4.Schema$ValueRange[] = res.data.valueRanges ?? [];
      return {
        spreadsheetId,
        title,
        locale,
        missing,
        sheets: wanted.map((id, i) => ({
          sheetId: id,
          sheetName: byId.get(id)!,
          values: (ranges[i]?.values ?? []) as SheetValue[][],
        })),
      };
    },
  };
}
