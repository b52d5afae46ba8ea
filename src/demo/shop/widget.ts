import type { DemoProduct } from '../catalog/generateShopCatalog.js';
import { ATTR_CONTEXT, ATTR_WIDGET } from '../../dom/attributes.js';
import { productCard } from './productCard.js';

export interface WidgetSpec {
  kind: string;
  title: string;
  products: DemoProduct[];
  context?: string[];
}

/** A product widget marked up with the same data attributes the script-tag embed reads. */
export function productWidget(spec: WidgetSpec, onOpen: (product: DemoProduct) => void): HTMLElement {
  const section = document.createElement('section');
  section.className = 'widget';
  section.setAttribute(ATTR_WIDGET, spec.kind);
  if (spec.context) section.setAttribute(ATTR_CONTEXT, spec.context.join(' '));
  const heading = document.createElement('h2');
  heading.textContent = spec.title;
  heading.id = `widget-${spec.kind}`;
  section.setAttribute('aria-labelledby', heading.id);
  const list = document.createElement('ul');
  list.className = 'shelf';
  for (const product of spec.products) list.append(productCard(product, onOpen));
  section.append(heading, list);
  return section;
}
