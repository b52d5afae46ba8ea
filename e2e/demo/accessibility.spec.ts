import { test, expect } from '../fixtures/privacyAudit';
import { VIEWPORTS, openHome, snap, watchConsole } from './demoPage';

test.describe('keyboard and labels', () => {
  test.use({ viewport: VIEWPORTS.mobile });

  test('skip link, inspector sheet with arrow-key tabs and Escape, all controls named', async ({ page }) => {
    const console = watchConsole(page);
    await openHome(page);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to the shop' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#app')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.locator('[data-reshelf-widget="for-you"] [data-reshelf-item] a').first()).toBeFocused();

    const toggle = page.getByRole('button', { name: 'How it works' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('tab', { name: 'Privacy' })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Network' })).toBeFocused();
    await expect(page.getByRole('tabpanel', { name: 'Network' })).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Engine' })).toHaveAttribute('aria-selected', 'true');
    await snap(page, 'inspector-keyboard', 'mobile');
    await page.keyboard.press('Escape');
    await expect(toggle).toBeFocused();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');

    // Every interactive element has an accessible name; every image-like SVG is decorative.
    const unnamed = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('a[href], button, input, select, [tabindex="0"]'))
        .filter((e) => !e.closest('[hidden]') && e.getAttribute('aria-hidden') !== 'true')
        .filter((e) => {
          const labelled = e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || (e as HTMLInputElement).labels?.length;
          return !labelled && !(e.textContent ?? '').trim();
        })
        .map((e) => e.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
    expect(console.errors).toEqual([]);
  });
});

test('desktop: the inspector is docked beside the shop and can be hidden', async ({ page }) => {
  await page.setViewportSize(VIEWPORTS.desktop);
  await openHome(page);
  const toggle = page.getByRole('button', { name: 'How it works' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('complementary', { name: 'How reshelf works' })).toBeVisible();
  await toggle.click();
  await expect(page.getByRole('complementary', { name: 'How reshelf works' })).toBeHidden();
  await snap(page, 'home-inspector-hidden', 'desktop');
});
