// /healthz polled every 50 ms while something else runs: the slowest answer, in ms.
export async function slowestHealthz(url: string, running: Promise<unknown>): Promise<number> {
  let over = false;
  void running.finally(() => {
    over = true;
  });
  let slowest = 0;
  while (!over) {
    const t0 = performance.now();
    const res = await fetch(`${url}/healthz`);
    await res.text();
    if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
    slowest = Math.max(slowest, performance.now() - t0);
    await new Promise((r) => setTimeout(r, 50));
  }
  return slowest;
}
