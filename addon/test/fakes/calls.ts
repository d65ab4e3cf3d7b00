// Every fake service object is wrapped in a Proxy that counts its method calls and throws a clear
// error for anything the fake does not implement, so the add-in can never rely on a silent stub.

export class CallLog {
  readonly byMethod: Record<string, number> = {};
  readonly byService: Record<string, number> = {};

  record(service: string, method: string): void {
    this.byMethod[method] = (this.byMethod[method] ?? 0) + 1;
    this.byService[service] = (this.byService[service] ?? 0) + 1;
  }

  count(service: string): number {
    return this.byService[service] ?? 0;
  }

  reset(): void {
    for (const k of Object.keys(this.byMethod)) delete this.byMethod[k];
    for (const k of Object.keys(this.byService)) delete this.byService[k];
  }
}

const PASS_THROUGH = new Set(['then', 'toJSON', 'constructor', 'asymmetricMatch', 'nodeType', '$$typeof']);

/** Wraps `impl`: its functions are counted under `service`; missing members throw. */
export function facade<T extends object>(log: CallLog, service: string, kind: string, impl: T): T {
  const proxy: T = new Proxy(impl, {
    get(target, prop, receiver) {
      if (typeof prop === 'symbol') return Reflect.get(target, prop, receiver);
      if (!(prop in target)) {
        if (PASS_THROUGH.has(prop)) return undefined;
        throw new Error(`${kind}.${prop} is not implemented in fake`);
      }
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        log.record(service, `${kind}.${prop}`);
        const out = (v as (...a: unknown[]) => unknown).apply(target, args);
        return out === target ? proxy : out;
      };
    },
    set(_target, prop) {
      throw new Error(`${kind}.${String(prop)} cannot be assigned in fake`);
    },
  });
  return proxy;
}
