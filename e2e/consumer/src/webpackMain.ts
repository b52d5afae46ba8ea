// The webpack 5 variant of the consumer app (e2e/consumer/webpackConsumer.spec.ts): plain TypeScript, no framework. It renders the shop's list as a
// reshelf widget (product elements with data-reshelf-item), tracks clicks, and lets `rank(element)` reorder the
// list in place. Nothing here tells webpack about the worker: it must find it in the package on its own.
import { ATTR_ITEM, ATTR_WIDGET, createReshelf } from 'reshelf';

interface Product {
  id: string;
  title: string;
  department: string;
}

const reshelf = createReshelf({ catalog: '/reshelf/manifest.json' });
(window as unknown as { app: unknown }).app = { reshelf };

function renderList(products: Product[]): HTMLOListElement {
  const list = document.createElement('ol');
  list.id = 'list';
  list.setAttribute(ATTR_WIDGET, 'for-you');
  list.dataset.ranked = 'pending';
  for (const product of products) {
    const item = document.createElement('li');
    item.setAttribute(ATTR_ITEM, product.id);
    item.dataset.id = product.id;
    item.dataset.department = product.department;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = product.title;
    button.addEventListener('click', () => reshelf.track({ type: 'click', itemId: product.id }));
    item.append(button);
    list.append(item);
  }
  return list;
}

async function rankList(list: HTMLOListElement): Promise<void> {
  const outcome = await reshelf.rank(list);
  list.dataset.ranked = String(outcome.personalised);
}

async function main(): Promise<void> {
  const products = (await (await fetch('/products.json')).json()) as Product[];
  const list = renderList(products);
  const refresh = document.createElement('button');
  refresh.id = 'refresh';
  refresh.type = 'button';
  refresh.textContent = 'Refresh';
  refresh.addEventListener('click', () => void rankList(list));
  document.getElementById('root')?.append(refresh, list);
  await rankList(list);
}

void main();
