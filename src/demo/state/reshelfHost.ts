import { createReshelf, type Reshelf } from '../../index.js';
import type { BackendName } from '../../scoring/types.js';

/**
 * Owns the page's reshelf instance, so personalisation can be switched off (the worker stops; nothing is
 * read, stored or downloaded) and on again. Export and forget still work while it is off, through a
 * short-lived instance that is closed straight after.
 */
export class ReshelfHost {
  private instance: Reshelf | undefined;
  /** The scoring backend the visitor forced in the Engine panel (undefined: reshelf measures and picks). */
  private backend: BackendName | undefined;

  constructor(private readonly catalog: URL) {}

  get forcedBackend(): BackendName | undefined {
    return this.backend;
  }

  get running(): Reshelf | undefined {
    return this.instance;
  }

  start(): Reshelf {
    this.instance ??= createReshelf({ catalog: this.catalog, ...(this.backend ? { backend: this.backend } : {}) });
    return this.instance;
  }

  /** Restarts the running instance with `backend` forced (createReshelf's `backend` option), or measured again. */
  forceBackend(backend: BackendName | undefined): void {
    this.backend = backend;
    if (!this.instance) return;
    this.stop();
    this.start();
  }

  stop(): void {
    this.instance?.close();
    this.instance = undefined;
  }

  /** Runs `task` with the running instance, or with a temporary one when personalisation is off. */
  async use<T>(task: (reshelf: Reshelf) => Promise<T>): Promise<T> {
    if (this.instance) return task(this.instance);
    const temporary = createReshelf({ catalog: this.catalog });
    try {
      return await task(temporary);
    } finally {
      temporary.close();
    }
  }
}
