// A plain React single-page app using the published package: it tracks clicks and renders a list ordered by
// reshelf (React owns its DOM, so the app ranks ids with useRankedIds and renders them itself).
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Reshelf } from 'reshelf';
import { useRankedIds, useReshelf } from 'reshelf/react';

interface Product {
  id: string;
  title: string;
  department: string;
}

function ProductList({ reshelf, products }: { reshelf: Reshelf | undefined; products: Product[] }) {
  const byId = new Map(products.map((p) => [p.id, p]));
  const ranked = useRankedIds(reshelf, products.map((p) => p.id));
  return h(
    'ol',
    { id: 'list', 'data-ranked': ranked.outcome ? String(ranked.outcome.personalised) : 'pending' },
    ranked.items.map((id) =>
      h('li', { key: id, 'data-id': id, 'data-department': byId.get(id)?.department }, h('button', { type: 'button', onClick: () => reshelf?.track({ type: 'click', itemId: id }) }, byId.get(id)?.title)),
    ),
  );
}

function App({ products }: { products: Product[] }) {
  const reshelf = useReshelf({ catalog: '/reshelf/manifest.json' });
  const [round, setRound] = useState(0);
  (window as unknown as { app: unknown }).app = { reshelf };
  return h(
    'main',
    null,
    h('button', { id: 'refresh', type: 'button', onClick: () => setRound((r) => r + 1) }, 'Refresh'),
    h(ProductList, { key: round, reshelf, products }),
  );
}

const products = (await (await fetch('/products.json')).json()) as Product[];
createRoot(document.getElementById('root') as HTMLElement).render(h(App, { products }));
