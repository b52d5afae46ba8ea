import { describe, expect, it } from 'vitest';
import { buildDemoBundle } from './demoBundle.js';
import { loadBundle } from '../../catalog/loadBundle.js';
import type { BundleManifest } from '../../catalog/bundleManifest.js';
import { generateShopCatalog } from './generateShopCatalog.js';

describe('demo bundle', () => {
  it('is built by the events pipeline with every section, and loads through the browser checks', async () => {
    const shop = generateShopCatalog();
    const files = await buildDemoBundle(shop);
    const fetcher = (async (url: URL) => {
      const bytes = files.get(new URL(String(url)).pathname.split('/').pop()!);
      return bytes ? new Response(bytes.slice()) : new Response('', { status: 404 });
    }) as unknown as typeof fetch;
    const model = await loadBundle('https://demo.example/demo-catalog/manifest.json', { fetch: fetcher });
    expect(model.ids).toEqual(shop.products.map((p) => p.id));
    expect(model.attributes[0]).toMatchObject({ title: shop.products[0]!.title, brand: shop.products[0]!.shop });
    expect(model.content?.count).toBe(shop.products.length);
    expect(model.cf).toMatchObject({ dtype: 'int8', dim: 32 });
    expect(Object.keys(model.neighbours ?? {}).sort()).toEqual(['cosine', 'learned', 'pearson']);
    expect(model.transitions).toBeDefined();
    expect(model.prototypes!.centroids.count).toBeGreaterThan(1);
    expect(model.coupons).toHaveLength(shop.coupons.length);
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as BundleManifest;
    // The generated log is clean: every rule reports, none removes anything.
    expect(manifest.cleaning!.rules.length).toBeGreaterThanOrEqual(10);
    expect(manifest.cleaning!.kept.events).toBe(shop.interactions.length);
  }, 120_000);
});
