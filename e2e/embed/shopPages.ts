import type { DemoProduct } from '../../src/demo/catalog/generateShopCatalog.js';

/** Server-rendered fixture pages of a small shop, as a merchant would mark them up for the script tag. */
export interface WidgetSpec {
  kind: string;
  items: DemoProduct[];
  rank?: 'off';
  context?: string;
}

export interface ShopPageOptions {
  /** The loader's URL (absolute). */
  loader: string;
  /** The loader tag's attributes; `data-catalog` defaults to the shop's bundle. */
  attrs?: Record<string, string>;
  /** HTML before the loader tag, e.g. the command-queue snippet. */
  head?: string;
  widgets: WidgetSpec[];
  /** A product page: the product marked with data-reshelf-product. */
  product?: DemoProduct;
  /** Pixels of empty space before the last widget (to have one below the fold). */
  spacerBeforeLast?: number;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function card(p: DemoProduct): string {
  return (
    `<li class="card" data-reshelf-item="${escape(p.id)}"><a href="/p/${encodeURIComponent(p.id)}">${escape(p.title)}</a>` +
    `<span class="dept">${escape(p.category[0] ?? '')}</span><button type="button" class="save">Save</button>` +
    `<button type="button" class="add" data-reshelf-event="add_to_cart">Add</button></li>`
  );
}

function widget(w: WidgetSpec): string {
  const attrs = `data-reshelf-widget="${escape(w.kind)}"${w.rank ? ` data-reshelf-rank="${w.rank}"` : ''}${w.context ? ` data-reshelf-context="${escape(w.context)}"` : ''}`;
  return `<section ${attrs}><h2>${escape(w.kind)}</h2><ul class="grid">${w.items.map(card).join('')}</ul><p class="more">More</p></section>`;
}

/** The page's own script: listeners and a marker on every product node, to prove reshelf moves nodes, never rebuilds them. */
const PAGE_SCRIPT = `<script>
window.__saves = [];
for (const li of document.querySelectorAll('[data-reshelf-item]')) {
  li.__serverRendered = true;
  li.querySelector('.save').addEventListener('click', () => window.__saves.push(li.getAttribute('data-reshelf-item')));
}
window.__pageOk = true;
</script>`;

export function shopPage(options: ShopPageOptions): string {
  const attrs = { 'data-catalog': '/reshelf/manifest.json', ...options.attrs };
  const tag = `<script async src="${escape(options.loader)}" ${Object.entries(attrs)
    .map(([k, v]) => `${k}="${escape(v)}"`)
    .join(' ')}></script>`;
  const widgets = options.widgets.map(widget);
  if (options.spacerBeforeLast) widgets.splice(widgets.length - 1, 0, `<div style="height:${options.spacerBeforeLast}px"></div>`);
  const product = options.product
    ? `<article data-reshelf-product="${escape(options.product.id)}"><h1>${escape(options.product.title)}</h1><button type="button" class="buy" data-reshelf-event="add_to_cart">Add to cart</button></article>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fixture shop</title><link rel="icon" href="data:,">
<style>body{font:14px sans-serif;margin:8px}.grid{display:grid;grid-template-columns:repeat(6,150px);gap:8px;list-style:none;padding:0;margin:0}
.card{height:96px;overflow:hidden;border:1px solid #ccc;padding:4px;box-sizing:border-box}.card a{display:block;height:40px;overflow:hidden}h2{margin:4px 0}</style>
${options.head ?? ''}${tag}</head><body>${product}${widgets.join('')}${PAGE_SCRIPT}</body></html>`;
}

/** The queue snippet a merchant pastes before the tag, with commands. */
export function queueSnippet(commands: unknown[]): string {
  return `<script>window.reshelf = window.reshelf || []; ${commands.map((c) => `reshelf.push(${JSON.stringify(c)});`).join(' ')}</script>`;
}
