/**
 * The script-tag embed's lazily loaded page part (built to dist/reshelf/applications.js beside the worker,
 * vite.config.ts mode `embed-worker`), kept out of the loader (dist/reshelf.js) so the main-thread loader stays
 * inside its 8 KB gzip budget (issue 9):
 * - the applications' page-side glue, needed once the worker is ready and the page has a new-arrivals, shops or
 *   coupons widget or calls an application method;
 * - the auto-trackers for product page views, widget card impressions and the GA4 dataLayer, and the GA4 /
 *   Segment event names, loaded as soon as reshelf starts with consent (src/embed/embed.ts). Nothing is lost by
 *   loading them late: views and impressions only count with consent (the product page is read and the items
 *   found before are observed once it is here), dataLayer entries pushed before are still in the array and are
 *   read from there (as GTM does), and a named `track()` call waits for it.
 * src/embed/lazyApplications.ts stands in for it inside the loader and imports it.
 */
export { applicationMethods } from '../applications/applicationMethods.js';
export { rankApplicationWidget } from '../applications/applicationWidgets.js';
export { trackDataLayer } from './dataLayerTracker.js';
export { eventsFromNamed } from './eventNames.js';
export { trackViews } from './viewTracker.js';
