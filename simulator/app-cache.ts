// The express apps of a fleet's BMCs, built at a BMC's first request and the most recently used
// kept. An app holds no state of its own (the BMC's model, faults and sessions live in its
// SimNode), so one that was dropped is rebuilt at its BMC's next request: a power-sync round over
// 10,000 BMCs then holds at most `capacity` apps (about 20 KiB each) instead of one per BMC.

import type http from 'node:http';

export const APP_CACHE_SIZE = 1024;

export class AppCache {
  readonly #apps = new Map<number, http.RequestListener>();
  readonly #capacity: number;

  constructor(capacity = APP_CACHE_SIZE) {
    this.#capacity = capacity;
  }

  /** Node `index`'s app, built by `make` when it is not kept. */
  get(index: number, make: () => http.RequestListener): http.RequestListener {
    let app = this.#apps.get(index);
    if (app) {
      // Map order is insertion order: re-inserting marks it the most recently used.
      this.#apps.delete(index);
    } else {
      app = make();
      if (this.#apps.size >= this.#capacity) {
        const oldest = this.#apps.keys().next();
        if (!oldest.done) this.#apps.delete(oldest.value);
      }
    }
    this.#apps.set(index, app);
    return app;
  }

  get size(): number {
    return this.#apps.size;
  }
}
