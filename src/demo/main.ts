import { createReshelf } from '../index.js';
import { generateShopCatalog, type DemoProduct } from './catalog/generateShopCatalog.js';
import { productWidget } from './shop/widget.js';
import { productImage } from './shop/productImage.js';
import { formatPrice } from './shop/productCard.js';

// The shop's own product data (what its server would render). The generator is deterministic, so the page
// and the catalog bundle served beside it agree. No shopper data is involved in either.
const { products } = generateShopCatalog({ shoppers: 0 });
const byId = new Map(products.map((p) => [p.id, p]));
const departments = [...new Set(products.map((p) => p.category[0]))];

const reshelf = createReshelf({ catalog: new URL('demo-catalog/manifest.json', document.baseURI) });
(window as unknown as { reshelfDemo: unknown }).reshelfDemo = { reshelf };

const app = document.getElementById('app') as HTMLElement;

function open(product: DemoProduct): void {
  reshelf.track({ type: 'click', itemId: product.id });
}

/** The home page's "For you" candidates: a fixed, varied selection, as a shop would server-render it. */
function forYouCandidates(): DemoProduct[] {
  return departments.flatMap((d) => products.filter((p) => p.category[0] === d).slice(0, 4));
}

function renderHome(): HTMLElement[] {
  const forYou = productWidget({ kind: 'for-you', title: 'For you', products: forYouCandidates() }, open);
  const browse = departments.map((d) =>
    productWidget({ kind: `browse-${d.toLowerCase()}`, title: `Browse ${d}`, products: products.filter((p) => p.category[0] === d).slice(4, 12) }, open),
  );
  // Only "For you" is personalised on the home page; the browse shelves show the shop's own order.
  void reshelf.rank(forYou);
  return [forYou, ...browse];
}

function renderProduct(product: DemoProduct): HTMLElement[] {
  reshelf.track({ type: 'view', itemId: product.id });
  const detail = document.createElement('article');
  detail.className = 'product';
  const text = document.createElement('div');
  const title = document.createElement('h1');
  title.textContent = product.title;
  const meta = document.createElement('p');
  meta.textContent = `${product.shop} · ${product.category.join(' › ')}`;
  const cost = document.createElement('p');
  cost.className = 'card-price';
  cost.textContent = formatPrice(product.price);
  const add = document.createElement('button');
  add.type = 'button';
  add.textContent = 'Add to cart';
  add.addEventListener('click', () => {
    reshelf.track({ type: 'add_to_cart', itemId: product.id });
    add.textContent = 'Added';
  });
  const back = document.createElement('a');
  back.href = '#/';
  back.textContent = '← Back to the shop';
  text.append(back, title, meta, cost, add);
  detail.append(productImage(product), text);
  const candidates = products.filter((p) => p.category[0] === product.category[0] && p.id !== product.id).slice(0, 12);
  const similar = productWidget({ kind: 'similar', title: 'Similar items', products: candidates, context: [product.id] }, open);
  void reshelf.rank(similar);
  return [detail, similar];
}

function renderFooter(): HTMLElement {
  const footer = document.createElement('footer');
  footer.className = 'status';
  const line = document.createElement('p');
  line.id = 'reshelf-status';
  line.textContent = 'reshelf: starting…';
  void reshelf.ready.then((status) => {
    line.textContent =
      status.state === 'ready'
        ? `reshelf: ready · history in ${status.storage} · catalog of ${status.catalog.items} items (version ${status.catalog.version})`
        : `reshelf: off, shop order kept (${status.state === 'unavailable' ? status.reason.code : status.state})`;
  });
  const forget = document.createElement('button');
  forget.type = 'button';
  forget.textContent = 'Forget my history';
  forget.addEventListener('click', () => void reshelf.forget().then(route));
  footer.append(line, forget);
  return footer;
}

function route(): void {
  const match = /^#\/p\/(.+)$/.exec(location.hash);
  const product = match ? byId.get(decodeURIComponent(match[1] as string)) : undefined;
  app.replaceChildren(...(product ? renderProduct(product) : renderHome()), renderFooter());
  if (product) window.scrollTo(0, 0);
}

window.addEventListener('hashchange', route);
route();
