import type { ShopProduct } from './shopFeed.js';

const SVG = 'http://www.w3.org/2000/svg';
const DEPARTMENT_HUES: Record<string, number> = { Kitchen: 18, Outdoors: 130, Beauty: 330, Electronics: 210, Home: 45, Toys: 270 };
const COLOUR_SHIFT: Record<string, number> = { Sage: 0, Charcoal: 10, Terracotta: 20, Ivory: 30, Ocean: -20, Mustard: 35, Plum: -35, Forest: -10, Sand: 25, Coral: 15 };

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * A generated product picture (inline SVG built with DOM calls): no image request leaves the page,
 * and each department/colour/product noun gets a recognisable look.
 */
export function productImage(product: ShopProduct): SVGSVGElement {
  const department = product.category[0] ?? '';
  const hue = (DEPARTMENT_HUES[department] ?? hash(department || product.shop) % 360) + (COLOUR_SHIFT[product.colour ?? ''] ?? 0);
  const noun = product.category[product.category.length - 1] ?? product.title;
  const h = hash(noun);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 120 90');
  svg.setAttribute('aria-hidden', 'true');
  const background = document.createElementNS(SVG, 'rect');
  background.setAttribute('width', '120');
  background.setAttribute('height', '90');
  background.setAttribute('fill', `hsl(${hue} 45% 92%)`);
  svg.append(background);
  const shapes = 2 + (h % 3);
  for (let s = 0; s < shapes; s++) {
    const k = (h >>> (s * 5)) & 31;
    const shape = document.createElementNS(SVG, s % 2 === 0 ? 'circle' : 'rect');
    const fill = `hsl(${hue + s * 12} ${50 + (k % 20)}% ${38 + s * 10}%)`;
    if (shape.tagName === 'circle') {
      shape.setAttribute('cx', String(30 + ((k * 7) % 60)));
      shape.setAttribute('cy', String(30 + ((k * 3) % 30)));
      shape.setAttribute('r', String(12 + (k % 14)));
    } else {
      shape.setAttribute('x', String(15 + ((k * 5) % 55)));
      shape.setAttribute('y', String(20 + ((k * 2) % 35)));
      shape.setAttribute('width', String(28 + (k % 24)));
      shape.setAttribute('height', String(18 + (k % 20)));
      shape.setAttribute('rx', String(k % 9));
    }
    shape.setAttribute('fill', fill);
    shape.setAttribute('opacity', '0.85');
    svg.append(shape);
  }
  return svg;
}
