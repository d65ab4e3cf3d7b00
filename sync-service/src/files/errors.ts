// The one error the file readers throw: a Russian message that names the file (and sheet) and
// says what is wrong, plus a code callers can map (CLI exit 2, HTTP 400/413/415/422).

/**
 * not_found: missing, unreadable or not a file; unsupported: extension; corrupt: not a readable
 * file of its kind; no_sheet: --sheet names no sheet of the workbook (or the file has no sheets);
 * too_large: over one of the reading limits (rows, columns, cells, unpacked bytes, XML); budget:
 * the reading child gave no answer — over its time or memory, or crashed (`limit`: time, memory, crash).
 */
export type FileReadErrorCode = 'not_found' | 'unsupported' | 'corrupt' | 'no_sheet' | 'too_large' | 'budget';

export class FileReadError extends Error {
  readonly code: FileReadErrorCode;
  readonly file: string;
  /** The limit that was hit (too_large, budget), e.g. "rows", "unpackedBytes", "memory", "crash". */
  readonly limit?: string;
  constructor(
    code: FileReadErrorCode,
    file: string,
    message: string,
    options?: { cause?: unknown; limit?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FileReadError';
    this.code = code;
    this.file = file;
    if (options?.limit !== undefined) this.limit = options.limit;
  }
}
