import { afterEach, describe, expect, it } from 'vitest';
import type { ReshelfStatus } from '../../api/status.js';
import { createScoringSection } from './scoringSection.js';

/**
 * The demo's "Scoring backend" section follows status() by itself: while the worker measures it reads the status
 * again until the result is there (no ranking needed), and a catalog without vector tables says there is nothing
 * to measure instead of "Measuring…" forever.
 */
const ready = { state: 'ready', storage: 'indexeddb', catalog: { version: 'v1', items: 1200 } } as const;
const measuring: ReshelfStatus = { ...ready, scoringState: 'measuring' };
const chosen: ReshelfStatus = { ...ready, scoringState: 'chosen', scoring: { backend: 'simd', source: 'measured', timings: { simd: 0.8, js: 2.5 }, dropped: [] } };
const none: ReshelfStatus = { ...ready, scoringState: 'none' };

const roots: HTMLElement[] = [];
afterEach(() => roots.splice(0).forEach((root) => root.remove()));

function mount(current: () => ReshelfStatus | undefined) {
  const section = createScoringSection({ forced: () => undefined, force: () => undefined, current });
  document.body.append(section.root);
  roots.push(section.root);
  return section;
}

describe('scoring section of the demo engine panel', () => {
  it('shows "Measuring…" and then the chosen backend once status() has it, without being rendered again from outside', async () => {
    let now = measuring;
    const section = mount(() => now);
    section.render(now);
    expect(section.root.innerText).toContain('Measuring');
    now = chosen;
    await expect.poll(() => section.root.querySelector('.facts')?.textContent ?? '', { timeout: 10_000 }).toMatch(/Chosen\s*simd/);
    expect(section.root.innerText).not.toContain('Measuring');
    expect(section.root.querySelectorAll('table.backends tbody tr')).toHaveLength(2);
  });

  it('says there is nothing to score on an engine when the catalog has no vector tables', () => {
    const section = mount(() => none);
    section.render(none);
    expect(section.root.innerText).toContain('No vector tables in this catalog');
    expect(section.root.innerText).not.toContain('Measuring');
  });
});
