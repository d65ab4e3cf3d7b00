// The one failure the application services raise. HTTP (http/errors.ts) maps its code to a status
// and the JSON error body; the CLI (cli/commands/with-services.ts) to one stderr line and exit 2.
export type AppErrorCode =
  | 'invalid'
  | 'unreadable'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'too_large'
  | 'unsupported'
  | 'unavailable';

/** Where in the input: a JSON path (`query.cluster`, `file`) or a sheet, row and column. */
export interface AppErrorDetail {
  path?: string;
  sheet?: string;
  row?: number;
  column?: number;
  message: string;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** A finer machine code the answer carries (e.g. `no_table`, `file_invalid`); defaults per code. */
  readonly reason: string | undefined;
  readonly details: AppErrorDetail[] | undefined;
  constructor(
    code: AppErrorCode,
    message: string,
    options: { reason?: string; details?: AppErrorDetail[] } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.reason = options.reason;
    this.details = options.details;
  }
}

export const invalid = (message: string, details?: AppErrorDetail[]) =>
  new AppError('invalid', message, { details });
export const notFound = (message: string) => new AppError('not_found', message);
export const forbidden = (message: string) => new AppError('forbidden', message);
export const conflict = (message: string) => new AppError('conflict', message);
