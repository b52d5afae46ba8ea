/**
 * The reliability fixture pages' script (public/fixtures/*.html load it as /fixtures/harness.js; the demo build
 * emits it under that stable name). It exposes the real library and a few variant workers on `window` so
 * Playwright specs can drive reshelf exactly as a shop page would, then inject failures around it.
 * Test-only code: no shop page ever loads it.
 */
import { createReshelf } from '../../../src/index.js';
import type { Reshelf, ReshelfOptions } from '../../../src/index.js';

/** Workers that reproduce hostile environments from the inside, since Playwright cannot script a worker's globals. */
export type WorkerVariant = 'default' | 'no-indexeddb' | 'indexeddb-throws';

function variantWorker(variant: WorkerVariant): (() => Worker) | undefined {
  switch (variant) {
    case 'default':
      return undefined;
    case 'no-indexeddb':
      return () => new Worker(new URL('./noIndexedDbWorker.ts', import.meta.url), { type: 'module', name: 'reshelf' });
    case 'indexeddb-throws':
      return () => new Worker(new URL('./throwingIndexedDbWorker.ts', import.meta.url), { type: 'module', name: 'reshelf' });
  }
}

export interface HarnessConfig extends Omit<ReshelfOptions, 'createWorker' | 'onFallback'> {
  worker?: WorkerVariant;
}

/** Builds a widget of `ids` (one <li> per id, the id as text) inside `parent`, as a shop would server-render it. */
function renderWidget(ids: string[], kind = 'for-you', parent: Element = document.body): HTMLElement {
  const section = document.createElement('section');
  section.setAttribute('data-reshelf-widget', kind);
  const list = document.createElement('ul');
  for (const id of ids) {
    const li = document.createElement('li');
    li.setAttribute('data-reshelf-item', id);
    li.textContent = id;
    list.append(li);
  }
  section.append(list);
  parent.append(section);
  return section;
}

const fallbacks: unknown[] = [];

const harness = {
  createReshelf,
  renderWidget,
  fallbacks,
  start(config: HarnessConfig): Reshelf {
    const { worker = 'default', ...options } = config;
    const createWorker = variantWorker(worker);
    const reshelf = createReshelf({ ...options, ...(createWorker ? { createWorker } : {}), onFallback: (reason) => fallbacks.push(reason) });
    (window as unknown as { reshelf: Reshelf }).reshelf = reshelf;
    return reshelf;
  },
};

declare global {
  interface Window {
    reshelfHarness: typeof harness;
    /** Set by a spec's init script before the page's own script runs. */
    reshelfFixtureConfig?: HarnessConfig;
  }
}

window.reshelfHarness = harness;
if (window.reshelfFixtureConfig) harness.start(window.reshelfFixtureConfig);
document.documentElement.setAttribute('data-harness', 'loaded');
