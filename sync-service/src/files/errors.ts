// The one error the file readers throw: a Russian message that names the file (and sheet) and
// says what is wrong, plus a code callers can map (CLI exit 2, HTTP 400/415/422).

/**
 * not_found: missing, unreadable or not a file; unsupported: extension; corrupt: not a readable
 * .xlsx; no_sheet: --sheet names no sheet of the workbook (or the file has no sheets).
 */
export type FileReadErrorCode = 'not_found' | 'unsupported' | 'corrupt' | 'no_sheet';

export class FileReadError extends Error {
  readonly code: FileReadErrorCode;
  readonly file: string;
  constructor(code: FileReadErrorCode, file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FileReadError';
    this.code = code;
    this.file = file;
  }
}
