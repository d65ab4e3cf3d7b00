// A turn of the event loop that lets waiting I/O (other requests, /healthz) in between long
// synchronous steps. One setImmediate is not enough when called from an I/O callback: the check
// phase it runs in comes before the loop polls for I/O again.
export const turn = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
