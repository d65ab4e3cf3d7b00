// /healthz polled every 50 ms for `seconds`, in a worker thread of the bench: its times are the
// service's answer, not the bench's own event loop, which parses the hammering clients' answers
// (a 3 MB documents list) in the main thread. workerData: { url, seconds }; posts { latencies, failed }.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { url, seconds } = workerData as { url: string; seconds: number };

function healthz(): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/healthz`, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

const until = performance.now() + seconds * 1000;
const latencies: number[] = [];
let failed = 0;
while (performance.now() < until) {
  const t = performance.now();
  try {
    await healthz();
  } catch {
    failed++;
  }
  latencies.push(performance.now() - t);
  await new Promise((resolve) => setTimeout(resolve, 50));
}
parentPort?.postMessage({ latencies, failed });
