import { createReshelf, type Reshelf } from '../../index.js';

/**
 * Owns the page's reshelf instance, so personalisation can be switched off (the worker stops; nothing is
 * read, stored or downloaded) and on again. Export and forget still work while it is off, through a
 * short-lived instance that is closed straight after.
 */
export class ReshelfHost {
  private instance: Reshelf | undefined;

  constructor(private readonly catalog: URL) {}

  get running(): Reshelf | undefined {
    return this.instance;
  }

  start(): Reshelf {
    this.instance ??= createReshelf({ catalog: this.catalog });
    return this.instance;
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
