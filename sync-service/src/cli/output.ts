// Writing to a command's stdout with backpressure, so large outputs do not pile up in memory.
import type { Writable } from 'node:stream';

/** Resolves once the stream has taken the text (waits for 'drain' when its buffer is full). */
export function writeText(stream: Writable, text: string): Promise<void> {
  return new Promise((done, fail) => {
    const ok = stream.write(text, (error) => {
      if (error) fail(error);
      else if (ok) done();
    });
    if (!ok) stream.once('drain', done);
  });
}
