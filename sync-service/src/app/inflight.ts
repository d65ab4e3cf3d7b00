// Keeps count of syncs and imports in progress so a shutdown can let them finish, and refuses new
// ones once the shutdown has begun.
import { AppError } from './errors.ts';

export class Inflight {
  #running = new Set<Promise<unknown>>();
  #closing = false;

  get size(): number {
    return this.#running.size;
  }

  get closing(): boolean {
    return this.#closing;
  }

  /** Runs `work` as one tracked job; after `close()` it is refused (AppError 'unavailable'). */
  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#closing) {
      return Promise.reject(
        new AppError('unavailable', 'Сервис останавливается; повторите синхронизацию через минуту', {
          reason: 'shutting_down',
        }),
      );
    }
    const job = work();
    this.#running.add(job);
    const forget = () => this.#running.delete(job);
    job.then(forget, forget);
    return job;
  }

  /** Stops accepting jobs and resolves when the running ones have settled. */
  async close(): Promise<void> {
    this.#closing = true;
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}
