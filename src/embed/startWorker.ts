/**
 * Starts the embed's module worker from `workerUrl`. A same-origin URL is used directly. A worker script on
 * another origin (a CDN) cannot be started directly, so the page starts a same-origin blob worker that
 * imports it; that import needs CORS headers on the CDN (`Access-Control-Allow-Origin`). Without them the
 * import fails inside the worker, which would otherwise stay silent: the blob rethrows the failure outside
 * the promise so the page receives an `error` event and falls back at once instead of waiting for a timeout.
 * A page whose CSP forbids `blob:` workers makes `new Worker` fail the same way (see README: Script tag).
 */
export function startWorker(workerUrl: string, pageOrigin: string): Worker {
  const url = new URL(workerUrl);
  if (url.origin === pageOrigin) return new Worker(url, { type: 'module', name: 'reshelf' });
  const href = JSON.stringify(url.href);
  const source = `import(${href}).catch(e=>setTimeout(()=>{throw Error("could not import "+${href}+" (no CORS headers?): "+e)}))`;
  const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(blobUrl, { type: 'module', name: 'reshelf' });
  const revoke = () => URL.revokeObjectURL(blobUrl);
  worker.addEventListener('message', revoke, { once: true });
  worker.addEventListener('error', revoke, { once: true });
  return worker;
}
