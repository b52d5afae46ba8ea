import type { Reshelf, TrackEvent } from '../../index.js';
import type { ShopFeed, ShopProduct } from '../shop/shopFeed.js';

/** What a page needs from the app: the shop's data, and reshelf when the shopper allows personalisation. */
export interface ShopContext {
  feed: ShopFeed;
  byId: Map<string, ShopProduct>;
  /** The running instance, or undefined while personalisation is off. */
  reshelf(): Reshelf | undefined;
  /** "See it as a new shopper": rank without the stored history. */
  asNewShopper(): boolean;
  /** Fusion settings chosen in the Engine panel (merged over the bundle's default), or undefined for the default. */
  fusionConfig(): Record<string, unknown> | undefined;
  /** Records an interaction when personalisation is on; does nothing otherwise. */
  track(event: TrackEvent): void;
  /** The shopper's recent distinct items (views, clicks, ...), newest first, from the history on this device. */
  recentItems(limit: number): Promise<{ id: string; time: number }[]>;
}
