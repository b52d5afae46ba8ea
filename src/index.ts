/**
 * reshelf: on-device shop personalisation. The npm entry point; everything public is exported here by name.
 */
export { createReshelf } from './api/createReshelf.js';
export type { Reshelf, RankOutcome, RankOptions } from './api/createReshelf.js';
export type { ReshelfOptions } from './api/options.js';
export type { ReshelfStatus } from './api/status.js';
export type { ReshelfReason, ReshelfErrorCode } from './api/errors.js';
export { EVENT_TYPES } from './api/events.js';
export type { TrackEvent, EventType, StoredEvent } from './api/events.js';
export type { ExportedData, NetworkRecord } from './worker/contract.js';
export type { RetentionPolicy } from './storage/eventStore.js';
export { ATTR_WIDGET, ATTR_ITEM, ATTR_CONTEXT, ATTR_STATE } from './dom/attributes.js';
