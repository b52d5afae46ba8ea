import type { ExportedData } from '../worker/contract.js';
import type { RankOutcome } from '../api/createReshelf.js';
import type { ReshelfStatus } from '../api/status.js';
import type { TrackEvent } from '../api/events.js';
import type { ReshelfApplications } from '../applications/applicationMethods.js';

/** Which interactions the script-tag embed records by itself; each one can be switched off. */
export interface AutoTrackSettings {
  /** A product element of a widget at least half visible for the dwell time (`data-view-ms`) is a `view`. */
  views: boolean;
  /** A click on a product element is a `click` (or the `data-reshelf-event` of the control clicked). */
  clicks: boolean;
  /** GA4 ecommerce events pushed to `window.dataLayer` (`view_item`, `select_item`, `add_to_cart`, `purchase`). */
  dataLayer: boolean;
}

/** Properties of a named event (GA4 `items[]`, or Segment `product_id` / `products[]`). */
export type NamedEventProperties = Record<string, unknown>;

/**
 * A command for the queue that exists before the loader does:
 * `window.reshelf = window.reshelf || []; reshelf.push(['track', { type: 'click', itemId: 'sku-1' }]);`
 */
export type EmbedCommand =
  | readonly ['track', TrackEvent]
  | readonly ['track', string, NamedEventProperties?]
  | readonly ['consent', boolean]
  | readonly ['autotrack', Partial<AutoTrackSettings>]
  | readonly ['rank', (Element | string)?]
  | readonly ['forget']
  | readonly ['ready', (status: ReshelfStatus) => void];

/**
 * What `window.reshelf` is once the loader has run. No method throws; failures keep the page's order.
 * The applications (`newArrivals`, `shops`, `coupons`, `exportProfile`, `importProfile`) are the npm API's; they
 * settle once reshelf is ready or has given up, and then answer with the reason and an empty result.
 */
export interface ReshelfEmbed extends ReshelfApplications {
  /** Runs queued-style commands; the queue array is replaced by this object, so late `push` calls still work. */
  push(...commands: EmbedCommand[]): number;
  /** Records an interaction: a reshelf event, or a GA4 / Segment event name with its properties. */
  track(event: TrackEvent | string, properties?: NamedEventProperties): void;
  /** Grants or withdraws consent; withdrawn consent stops storing and restores the page's order. */
  consent(granted: boolean): void;
  /** Switches parts of auto-tracking on or off. */
  autotrack(settings: Partial<AutoTrackSettings>): void;
  /** Ranks one widget (element or CSS selector) or, without an argument, every widget on the page again. */
  rank(target?: Element | string): Promise<RankOutcome[]>;
  /** The current state, with the reason when the page keeps its own order. */
  status(): ReshelfStatus;
  /** Settles once reshelf is ready or has given up; never rejects. */
  readonly ready: Promise<ReshelfStatus>;
  /** Deletes everything reshelf stored on this device (also without consent). */
  forget(): Promise<void>;
  /** Everything reshelf stored about this shopper. */
  exportData(): Promise<ExportedData>;
}
