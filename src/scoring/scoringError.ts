/**
 * Errors of the scoring engine. `code` is stable (integrators and tests switch on it); the message says what to fix.
 */
export type ScoringErrorCode =
  | 'SCORING_BAD_REQUEST'
  | 'SCORING_BACKEND_INIT_FAILED'
  | 'SCORING_BACKEND_FAILED'
  | 'SCORING_NON_FINITE'
  | 'SCORING_CONTEXT_LOST'
  | 'SCORING_NO_BACKEND';

export class ScoringError extends Error {
  constructor(
    readonly code: ScoringErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ScoringError';
  }
}
