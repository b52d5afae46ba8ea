import { DAY_MS } from './shopFeed.js';

const currency = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });
const relative = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });
const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function formatPrice(value: number | undefined): string {
  return value === undefined ? 'Price on request' : currency.format(value);
}

/** "3 days ago" / "in 5 days", relative to the shop world's today. */
export function formatDaysFrom(time: number, today: number): string {
  return relative.format(Math.round((time - today) / DAY_MS), 'day');
}

/** "2 minutes ago" for real times (the shopper's own events). */
export function formatAgo(time: number, now = Date.now()): string {
  const seconds = Math.round((time - now) / 1000);
  if (Math.abs(seconds) < 60) return relative.format(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / 24), 'day');
}

export function formatClock(time: number): string {
  return clock.format(time);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** Builds an element with a class and text; text always goes in through textContent, never as markup. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}
