import type { Remote } from 'comlink';
import type { ReshelfStatus } from '../api/status.js';
import type { ApplicationWorkerApi, CouponsInput, ShopsInput } from './applicationService.js';
import { toApplicationReason, type ApplicationReason } from './applicationReason.js';
import { emptyApplicationResult } from './emptyApplicationResults.js';
import type { NewArrivalOptions, NewArrivals } from './newArrivals.js';
import type { PortableProfile } from './portableProfile.js';
import type { ProfileImportPreview } from './profileImport.js';
import type { RankedCoupon } from './rankCoupons.js';
import type { RankedShop } from './rankShops.js';

/** Options of `newArrivals()`. */
export type NewArrivalsRequest = Partial<NewArrivalOptions> & { ignoreHistory?: boolean };

/** Options of `importProfile()`. */
export interface ImportProfileOptions {
  /**
   * Shows the shopper what the import would add and resolves true only if they agreed. Required: reshelf
   * stores nothing from a profile without it. Typically a dialog with the preview's counts and an "Import" button.
   */
  confirm: (preview: ProfileImportPreview) => boolean | Promise<boolean>;
}

/** The applications on the Reshelf facade. Like every Reshelf method, they never reject: failures come back as `reason`. */
export interface ReshelfApplications {
  /** New arrivals (items first listed recently), ordered for this shopper by content affinity. */
  newArrivals(options?: NewArrivalsRequest): Promise<NewArrivals & { reason?: NewArrivals['reason'] | ApplicationReason }>;
  /** Shops (brands, sellers) for this shopper: interest in each shop's items, with diversity. */
  shops(options?: ShopsInput): Promise<{ shops: RankedShop[]; personalised: boolean; reason?: ApplicationReason }>;
  /** Valid, applicable coupons by expected value for this shopper (probability of buying in scope x discount). */
  coupons(options?: CouponsInput): Promise<{ coupons: RankedCoupon[]; personalised: boolean; reason?: ApplicationReason }>;
  /** The shopper's portable profile, to hand to them as a file (call it only on their request). */
  exportProfile(): Promise<{ profile?: PortableProfile; reason?: ApplicationReason }>;
  /**
   * Imports a profile file after `confirm` showed the shopper its preview and they agreed. Nothing is stored
   * when they decline, when `confirm` is missing or throws, or when the file is not a valid profile.
   */
  importProfile(profile: unknown, options: ImportProfileOptions): Promise<{ imported: number; preview?: ProfileImportPreview; declined?: boolean; reason?: ApplicationReason }>;
}

type ImportOutcome = Awaited<ReturnType<ReshelfApplications['importProfile']>>;

export interface ApplicationMethodsAccess {
  ready: Promise<ReshelfStatus>;
  worker(): Remote<ApplicationWorkerApi> | undefined;
  /** Stores the events tracked so far, so answers reflect them. */
  flush(): Promise<void>;
}

/** Implements ReshelfApplications over the worker; `createReshelf` spreads these into the facade. */
export function applicationMethods(access: ApplicationMethodsAccess): ReshelfApplications {
  async function call<T extends object>(run: (worker: Remote<ApplicationWorkerApi>) => Promise<T>, empty: T): Promise<T & { reason?: ApplicationReason }> {
    const status = await access.ready;
    const worker = access.worker();
    if (status.state !== 'ready' || !worker) {
      return { ...empty, reason: status.state === 'unavailable' ? status.reason : { code: 'CLOSED', message: 'reshelf was closed' } };
    }
    try {
      await access.flush();
      return (await run(worker)) as T & { reason?: ApplicationReason };
    } catch (error) {
      return { ...empty, reason: toApplicationReason(error) };
    }
  }

  return {
    newArrivals: (options = {}) => call((w) => w.newArrivals(options), emptyApplicationResult('newArrivals')),
    shops: (options = {}) => call((w) => w.shops(options), emptyApplicationResult('shops')),
    coupons: (options = {}) => call((w) => w.coupons(options), emptyApplicationResult('coupons')),
    exportProfile: () => call<{ profile?: PortableProfile }>(async (w) => ({ profile: await w.exportProfile() }), emptyApplicationResult('exportProfile')),

    importProfile: (profile, options) =>
      call<ImportOutcome>(async (w) => {
        if (typeof options?.confirm !== 'function') {
          return { imported: 0, reason: { code: 'CONFIRMATION_REQUIRED' as const, message: 'importProfile(profile, { confirm }) needs a confirm callback that shows the shopper the preview' } };
        }
        const { token, ...preview } = await w.previewProfileImport(profile);
        if (!(await options.confirm(preview))) return { imported: 0, preview, declined: true };
        return { ...(await w.applyProfileImport(token)), preview };
      }, emptyApplicationResult('importProfile')),
  };
}
