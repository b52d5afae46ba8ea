/**
 * reshelf: on-device shop personalisation. The npm entry point; everything public is exported here by name.
 */
export { createReshelf } from './api/createReshelf.js';
export type { Reshelf, RankOutcome, RankOptions } from './api/createReshelf.js';
export type { ReshelfOptions } from './api/options.js';
export type { ReshelfStatus, ScoringState, ScoringStatus } from './api/status.js';
export type { OnlineFusionStatus } from './fusion/online/onlineStatus.js';
export type { OnlineFusionRecord, ShownImpression } from './worker/onlineFusion.js';
export type { OnlineLearnerState } from './fusion/online/onlineLearner.js';
export { BACKEND_NAMES, type BackendName } from './scoring/types.js';
export type { ReshelfReason, ReshelfErrorCode } from './api/errors.js';
export { EVENT_TYPES, isInterest } from './api/events.js';
export type { TrackEvent, EventType, StoredEvent } from './api/events.js';
export type { ExportedData, NetworkRecord } from './worker/contract.js';
export type { RetentionPolicy } from './storage/eventStore.js';
export type { ReshelfEmbed, EmbedCommand, AutoTrackSettings, NamedEventProperties } from './embed/types.js';
export { ATTR_WIDGET, ATTR_ITEM, ATTR_CONTEXT, ATTR_STATE } from './dom/attributes.js';
// Applications (src/applications): new arrivals, shops, coupons, portable profiles.
export { ATTR_SHOP, ATTR_COUPON, ATTR_NOW, APPLICATION_WIDGET_KINDS } from './applications/applicationWidgets.js';
export type { ReshelfApplications, ImportProfileOptions, NewArrivalsRequest } from './applications/applicationMethods.js';
export type { ApplicationReason } from './applications/applicationReason.js';
export type { ApplicationErrorCode } from './applications/applicationError.js';
export type { ShopsInput, CouponsInput } from './applications/applicationService.js';
export type { NewArrivals } from './applications/newArrivals.js';
export type { RankedShop } from './applications/rankShops.js';
export type { RankedCoupon } from './applications/rankCoupons.js';
export type { PortableProfile, PortableItem } from './applications/portableProfile.js';
export type { ProfileImportPreview } from './applications/profileImport.js';
export type { Coupon } from './catalog/catalogModel.js';
