/**
 * The script-tag embed's lazily loaded part (built to dist/reshelf/applications.js beside the worker, vite.config.ts
 * mode `embed-worker`): the applications' page-side glue, which the loader (dist/reshelf.js) only needs once the
 * worker is ready and the page has a new-arrivals, shops or coupons widget or calls an application method.
 * src/embed/lazyApplications.ts stands in for it inside the loader and imports it on first use.
 */
export { applicationMethods } from '../applications/applicationMethods.js';
export { rankApplicationWidget } from '../applications/applicationWidgets.js';
