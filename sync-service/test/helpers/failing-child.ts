// Functions for callInWorker (files/read-worker.ts) that fail in the child: by ending it without an
// answer (the ways a child crashes, far from its heap cap), or by throwing (the answer is the error).
import { FileReadError } from '../../src/files/errors.ts';

/** Dies by SIGABRT, as a native assertion would. */
export function abort(): never {
  process.abort();
}

/** Exits with `code` before answering. */
export function exitWith(code: number): never {
  process.exit(code);
}

/** Throws the readers' own error (it crosses back as a FileReadError). */
export function throwFileError(file: string): never {
  throw new FileReadError('too_large', file, `файл ${file} не принят: слишком много строк`, {
    limit: 'rows',
  });
}

/** Throws an error of Node's own, with a code (it crosses back as a plain Error). */
export function throwSystemError(): never {
  throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
}
