// A turn of the event loop that lets waiting I/O (other requests, /healthz) in between long
// synchronous steps. One setImmediate is not enough when called from an I/O callback: the check
// phase it runs in comes before the loop polls for I/O again.
export const turn = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

/** Long synchronous work cut into stretches of about `ms`, with a turn of the loop between. */
export interface Pace {
  /** Whether this stretch has run `ms` (since the pace was made, or since its last turn). */
  due(): boolean;
  /** Takes the turn; the next stretch starts when it comes back. */
  turn(): Promise<void>;
}

/** A Pace of `ms` per stretch; checking `due()` costs no await, so it may sit in a hot loop. */
export function pace(ms: number): Pace {
  let since = performance.now();
  return {
    due: () => performance.now() - since >= ms,
    turn: async () => {
      await turn();
      since = performance.now();
    },
  };
}
