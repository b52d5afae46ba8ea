import type { StoredEvent } from '../api/events.js';
import type { CatalogModel, Coupon } from '../catalog/catalogModel.js';
import { ApplicationError } from './applicationError.js';
import { DEFAULT_INTEREST, interestDistribution } from './interestDistribution.js';
import { DEFAULT_NEW_ARRIVALS, rankNewArrivals, type NewArrivalOptions, type NewArrivals } from './newArrivals.js';
import { exportPortableProfile, parsePortableProfile, type PortableProfile } from './portableProfile.js';
import { planProfileImport, type ProfileImportPreview } from './profileImport.js';
import { rankCoupons, type RankedCoupon } from './rankCoupons.js';
import { DEFAULT_SHOP_RANKING, rankShops, type RankedShop } from './rankShops.js';
import { shopperRanking } from './shopperRanking.js';
import { validateCoupons } from './validateCoupon.js';

/** Switches every application accepts. */
interface CommonInput {
  /** Items the page is about (a product page): a strong, current interest. */
  context?: string[];
  /** Rank as for a shopper without history; the stored history is untouched. */
  ignoreHistory?: boolean;
}

export type NewArrivalsInput = Partial<NewArrivalOptions> & Pick<CommonInput, 'ignoreHistory'>;

/** Options of `shops()`. */
export interface ShopsInput extends CommonInput {
  limit?: number;
  diversity?: number;
  /** Order only these shops (a widget's shops); absent = the best shops of the catalog. */
  candidates?: string[];
}

export interface ShopsOutput {
  shops: RankedShop[];
  personalised: boolean;
}

/** Options of `coupons()`. */
export interface CouponsInput extends CommonInput {
  limit?: number;
  /** Validity is checked at this time (ms); defaults to the worker's clock. */
  now?: number;
  /** Rank only these coupon ids (a widget's coupons); absent = every coupon. */
  candidates?: string[];
  /** Coupons the page has beyond the bundle's (validated like the bundle's; same id = the page's wins). */
  coupons?: Coupon[];
}

export interface CouponsOutput {
  /** Valid, applicable coupons only, best expected value first. */
  coupons: RankedCoupon[];
  personalised: boolean;
}

/** The applications' part of the page-worker contract (src/worker/contract.ts extends it). */
export interface ApplicationWorkerApi {
  newArrivals(input: NewArrivalsInput): Promise<NewArrivals>;
  shops(input: ShopsInput): Promise<ShopsOutput>;
  coupons(input: CouponsInput): Promise<CouponsOutput>;
  /** The shopper's portable profile (only ever called on the shopper's request). */
  exportProfile(): Promise<PortableProfile>;
  /** Checks a profile file and says what importing it would store; stores nothing. */
  previewProfileImport(profile: unknown): Promise<ProfileImportPreview & { token: string }>;
  /** Stores what the confirmed preview (by its token) listed. Tokens are single-use and expire. */
  applyProfileImport(token: string): Promise<{ imported: number }>;
}

/** What the applications need from the worker: the catalog, the in-memory history and the event store. */
export interface ApplicationAccess {
  catalog(): CatalogModel;
  history(): readonly StoredEvent[];
  store(events: StoredEvent[]): Promise<unknown>;
}

/** A preview not confirmed within this time must be made again (the catalog or history may have changed). */
const PREVIEW_TTL_MS = 10 * 60_000;

export function createApplicationService(access: ApplicationAccess): ApplicationWorkerApi {
  const pending = new Map<string, { events: StoredEvent[]; expires: number }>();
  const origin = typeof location === 'undefined' ? 'unknown' : location.origin;

  function interestFor(input: CommonInput) {
    const ranking = shopperRanking(access.catalog(), input.ignoreHistory ? [] : access.history(), DEFAULT_INTEREST.depth, input.context);
    return { interest: interestDistribution(ranking, DEFAULT_INTEREST, ranking.history), personalised: ranking.personalised };
  }

  return {
    async newArrivals(input) {
      const { ignoreHistory, ...options } = input;
      return rankNewArrivals(access.catalog(), ignoreHistory ? [] : access.history(), { ...DEFAULT_NEW_ARRIVALS, ...options });
    },

    async shops(input) {
      const model = access.catalog();
      const { interest, personalised } = interestFor(input);
      const wanted = input.candidates ? new Set(input.candidates) : undefined;
      const limit = wanted ? Number.MAX_SAFE_INTEGER : (input.limit ?? DEFAULT_SHOP_RANKING.limit);
      let shops = rankShops(model, interest, { ...DEFAULT_SHOP_RANKING, limit, ...(input.diversity !== undefined ? { diversity: input.diversity } : {}) });
      if (wanted) shops = shops.filter((s) => wanted.has(s.shop)).slice(0, input.limit ?? wanted.size);
      return { shops, personalised };
    },

    async coupons(input) {
      const model = access.catalog();
      const byId = new Map((model.coupons ?? []).map((c) => [c.id, c]));
      for (const coupon of validateCoupons(input.coupons ?? [], 'page coupons')) byId.set(coupon.id, coupon);
      let pool = [...byId.values()];
      if (input.candidates) {
        const wanted = new Set(input.candidates);
        pool = pool.filter((c) => wanted.has(c.id));
      }
      const { interest, personalised } = interestFor(input);
      return { coupons: rankCoupons(model, pool, interest, { now: input.now ?? Date.now(), limit: input.limit ?? pool.length }), personalised };
    },

    async exportProfile() {
      return exportPortableProfile(access.catalog(), access.history(), origin, Date.now());
    },

    async previewProfileImport(raw) {
      const now = Date.now();
      for (const [token, entry] of pending) if (entry.expires < now) pending.delete(token);
      const { preview, events } = planProfileImport(access.catalog(), parsePortableProfile(raw), origin, now);
      const token = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${now}-${Math.random()}`;
      pending.set(token, { events, expires: now + PREVIEW_TTL_MS });
      return { ...preview, token };
    },

    async applyProfileImport(token) {
      const entry = pending.get(token);
      pending.delete(token);
      if (!entry || entry.expires < Date.now()) {
        throw new ApplicationError('CONFIRMATION_REQUIRED', 'this import preview is unknown or expired; call importProfile() again so the shopper can confirm it');
      }
      await access.store(entry.events);
      return { imported: entry.events.length };
    },
  };
}
