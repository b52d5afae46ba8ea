// Imports the installed package in plain Node, as server-side rendering would: no browser global may be
// touched while importing, and the API must be inert and say so. Prints JSON; exits 1 on a problem.
const BROWSER_GLOBALS = ['window', 'document', 'navigator', 'self', 'location', 'Worker', 'indexedDB', 'localStorage', 'sessionStorage', 'HTMLElement', 'Element', 'MutationObserver', 'IntersectionObserver', 'requestAnimationFrame', 'caches'];
const touched = new Set();
for (const name of BROWSER_GLOBALS) {
  if (name in globalThis) continue;
  Object.defineProperty(globalThis, name, { configurable: true, get: () => (touched.add(name), undefined) });
}
const core = await import('reshelf');
await import('reshelf/react');
const touchedOnImport = [...touched];
const reshelf = core.createReshelf({ catalog: '/reshelf/manifest.json' });
const status = await reshelf.ready;
reshelf.track({ type: 'click', itemId: 'a' });
const ranked = await reshelf.rank(['a', 'b', 'c']);
const result = { touchedOnImport, status, ranked };
console.log(JSON.stringify(result));
const ok = touchedOnImport.length === 0 && status.state === 'unavailable' && status.reason.code === 'NOT_IN_BROWSER' && ranked.items.join() === 'a,b,c' && ranked.applied === false;
process.exit(ok ? 0 : 1);
