import type { ReshelfErrorCode, ReshelfReason } from '../api/errors.js';
import type { ApplicationErrorCode } from './applicationError.js';

/** Why an application gave no (or a partial) answer: a reshelf code or an application code, and what to fix. */
export interface ApplicationReason {
  code: ReshelfErrorCode | ApplicationErrorCode;
  message: string;
}

const APPLICATION_CODE = /^(COUPON_INVALID|PROFILE_INVALID|PROFILE_UNSUPPORTED_VERSION|CONFIRMATION_REQUIRED):/;

/** Turns anything thrown (errors from the worker arrive as plain Errors with "CODE: message") into a reason. */
export function toApplicationReason(error: unknown, fallback: ReshelfReason['code'] = 'INTERNAL'): ApplicationReason {
  const message = error instanceof Error ? error.message : String(error);
  const code = APPLICATION_CODE.exec(message)?.[1] as ApplicationErrorCode | undefined;
  return { code: code ?? fallback, message };
}
