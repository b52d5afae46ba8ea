/**
 * Starts the embed's module worker from `workerUrl`. A same-origin URL is used directly. A worker script on
 * another origin (a CDN) cannot be started directly, so the page starts a same-origin blob worker that
 * imports it; that import needs CORS headers on the CDN (`Access-Control-Allow-Origin`). Without them the
 * import fails inside the worker, which would otherwise stay silent: the blob rethrows the failure outside
 * the promise so the page receives an `error` event and falls back at once instead of waiting for a timeout.
 * (A static `import` in the blob would hold messages by itself, but its failure is not reported to the page.)
 * A page whose CSP forbids `blob:` workers makes `new Worker` fail the same way (see README: Script tag).
 */
export function startWorker(workerUrl: string, pageOrigin: string): Worker {
  const url = new URL(workerUrl);
  if (url.origin === pageOrigin) return new Worker(url, { type: 'module', name: 'reshelf' });
  const href = JSON.stringify(url.href);
  // Messages that arrive while the import is pending are held and replayed: the worker's own listener
  // (comlink's expose) only exists once the import has run.
  const source =
    `const q=[],h=e=>q.push(e);addEventListener("message",h);import(${href}).then(()=>{removeEventListener("message",h);` +
    `for(const e of q)dispatchEvent(new MessageEvent("message",{data:e.data,ports:[...e.ports]}))},` +
    `e=>setTimeout(()=>{throw Error("could not import "+${href}+" (no CORS headers?): "+e)}))`;
  const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(blobUrl, { type: 'module', name: 'reshelf' });
  const revoke = () => URL.revokeObjectURL(blobUrl);
  worker.addEventListener('message', revoke, { once: true });
  worker.addEventListener('error', revoke, { once: true });
  return worker;
}
