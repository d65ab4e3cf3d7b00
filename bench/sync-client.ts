// The sync bench's HTTP client, in a worker thread: the add-in is on another machine, so its side
// of a request (sending the body, receiving and decoding the answer) runs outside the service's
// thread here too, on the other core. Each message is one POST /api/v1/sync; the time runs from
// the request until the whole answer is received and decoded.
import { parentPort } from 'node:worker_threads';

export interface ClientRequest {
  id: number;
  url: string;
  token: string;
  body: string;
}

export interface ClientAnswer {
  id: number;
  ms: number;
  status: number;
  /** The answer's counts, or the start of an error answer. */
  created?: number;
  unchanged?: number;
  error?: string;
}

parentPort?.on('message', async ({ id, url, token, body }: ClientRequest) => {
  try {
    const started = performance.now();
    const res = await fetch(`${url}/api/v1/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    const text = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) {
      parentPort?.postMessage({
        id,
        ms,
        status: res.status,
        error: text.slice(0, 300),
      } satisfies ClientAnswer);
      return;
    }
    const { created, unchanged } = JSON.parse(text) as { created: number; unchanged: number };
    parentPort?.postMessage({ id, ms, status: res.status, created, unchanged } satisfies ClientAnswer);
  } catch (error) {
    parentPort?.postMessage({ id, ms: 0, status: 0, error: String(error) } satisfies ClientAnswer);
  }
});
