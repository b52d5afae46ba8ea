/**
 * The page side of comlink's wire protocol, for the script-tag build only (vite.config.ts, mode `embed`,
 * aliases `comlink` to this file). The worker still uses comlink's `expose`; the facade only ever calls
 * top-level methods and releases the proxy, and this covers exactly that in about a fifth of comlink's size,
 * which keeps the main-thread loader inside its 8 KB budget. The npm package uses comlink itself; both
 * paths run the same end-to-end tests.
 */
type Settle = [resolve: (value: unknown) => void, reject: (reason: unknown) => void];

/** comlink's key for releasing a proxy (here: a symbol of our own; only the facade uses it). */
export const releaseProxy = Symbol('releaseProxy');

/** A proxy whose methods post comlink `APPLY` messages to the worker and resolve with its answers. */
export function wrap<T>(worker: Worker): T {
  const pending = new Map<number, Settle>();
  let counter = 0;
  worker.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { id?: number; type?: string; name?: string; value?: unknown } | null;
    const settle = data?.id ? pending.get(data.id) : undefined;
    if (!data || !settle) return;
    pending.delete(data.id as number);
    if (data.type !== 'HANDLER' || data.name !== 'throw') return settle[0](data.value);
    const thrown = data.value as { isError: boolean; value: { message?: string } };
    settle[1](thrown.isError ? Object.assign(new Error(thrown.value.message), thrown.value) : thrown.value);
  });
  const call = (type: string, path: PropertyKey[], args: unknown[] = []) =>
    new Promise((resolve, reject) => {
      const id = ++counter; // from 1: the worker echoes it, and 0 would read as no id
      pending.set(id, [resolve, reject]);
      worker.postMessage({ id, type, path, argumentList: args.map((value) => ({ type: 'RAW', value })) });
    });
  return new Proxy({} as object, {
    get: (_, key) => (key === releaseProxy ? () => void call('RELEASE', []) : key === 'then' ? undefined : (...args: unknown[]) => call('APPLY', [key], args)),
  }) as T;
}
