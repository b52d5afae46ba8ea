import { test, expect } from '../fixtures/privacyAudit';
import { configure, DEMO_CATALOG, exportEvents, FIXTURE_PAGE, NEXT_PAGE, openFixture, readyStatus } from './fixturePage';

/**
 * A click that starts a navigation is the event most likely to be lost: the page (and its worker) go away a
 * few milliseconds after `track()`. Each round clicks a link that leads to another document, then the last
 * page counts what was stored.
 */
const ROUNDS = Number(process.env.RESHELF_NAV_ROUNDS ?? 12);

for (const when of ['after reshelf is ready', 'while reshelf is still starting'] as const) {
  test(`a navigation right after a click keeps the click (${when})`, async ({ page, context }) => {
    // Known gap (issue 13, open): while reshelf is still starting, the first click of a session followed at once
    // by a navigation is lost in about one run in three on an idle machine (nav-0 only; later rounds hold). It
    // passes under load, so it would make CI flaky rather than red; it stays visible here until the unload
    // rescue covers a journal that has not opened its connection yet.
    test.fixme(when === 'while reshelf is still starting', 'first click before the page journal is open can be lost (issue 13 notes)');
    await configure(page, { catalog: DEMO_CATALOG });
    if (when === 'while reshelf is still starting') {
      // Hold the bundle back so every click certainly happens before the worker is ready.
      await context.route('**/demo-catalog/manifest.json', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        await route.continue();
      });
    }
    const clicked: string[] = [];
    let clickedBeforeReady = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const [from, to] = round % 2 === 0 ? [FIXTURE_PAGE, '#next'] : [NEXT_PAGE, '#back'];
      if (round === 0) await openFixture(page, from);
      if (when === 'after reshelf is ready') await readyStatus(page);
      const itemId = `nav-${round}`;
      clicked.push(itemId);
      if (await page.evaluate(() => window.reshelf.status().state === 'starting')) clickedBeforeReady++;
      await page.evaluate(
        ([selector, id]) => {
          document.querySelector(selector as string)?.addEventListener('click', () => window.reshelf.track({ type: 'click', itemId: id as string }));
        },
        [to, itemId],
      );
      await page.click(to);
      await page.waitForURL(`**${round % 2 === 0 ? NEXT_PAGE : FIXTURE_PAGE}`);
      await page.locator('html[data-harness="loaded"]').waitFor({ state: 'attached' });
    }
    expect((await readyStatus(page)).state).toBe('ready');
    const stored = (await exportEvents(page)).map((e) => e.itemId);
    const lost = clicked.filter((id) => !stored.includes(id));
    const duplicated = clicked.filter((id) => stored.filter((s) => s === id).length > 1);
    test.info().annotations.push({ type: 'reliability', description: JSON.stringify({ eventsWritten: clicked.length, eventsLost: lost.length, eventsDuplicated: duplicated.length }) });
    expect({ lost, duplicated }).toEqual({ lost: [], duplicated: [] });
    // The scenario did what its name says.
    if (when === 'after reshelf is ready') expect(clickedBeforeReady).toBe(0);
    else expect(clickedBeforeReady).toBe(ROUNDS);
  });
}
