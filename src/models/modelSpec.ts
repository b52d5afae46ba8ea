/**
 * The contract of a trained sequence model: which architecture, its sizes, and what data it was trained on.
 * Stored in model.json (`reshelf.config` / `reshelf.training`) so the browser encoder and `reshelf eval` can read
 * it without the training code.
 *
 * Token convention: token 0 is padding; dataset item index i is token i + 1. Sequences are left-padded, so the
 * last position is always the most recent item and position embeddings count from the right end.
 */
export type SequenceModelKind = 'gru' | 'caser' | 'sasrec';

export const SEQUENCE_MODEL_KINDS: readonly SequenceModelKind[] = ['gru', 'caser', 'sasrec'];

export interface SequenceModelConfig {
  kind: SequenceModelKind;
  /** Number of items (the embedding table has itemCount + 1 rows, row 0 = padding). */
  itemCount: number;
  /** Embedding / hidden size D; the encoder outputs a D-vector scored against the item table by dot product. */
  dim: number;
  /** Longest history the model reads (older items are dropped). */
  maxLen: number;
  /** sasrec: transformer blocks and heads. */
  blocks: number;
  heads: number;
  /** caser: window of recent items, horizontal filters per height, vertical filters. */
  caserWindow: number;
  caserHorizontal: number;
  caserVertical: number;
  /** Dropout rate used in training only. */
  dropout: number;
}

export const DEFAULT_MODEL_CONFIG: Omit<SequenceModelConfig, 'kind' | 'itemCount'> = {
  dim: 64,
  maxLen: 50,
  blocks: 2,
  heads: 1,
  caserWindow: 5,
  caserHorizontal: 16,
  caserVertical: 4,
  dropout: 0.3,
};

/** What the model saw: `reshelf eval` refuses a model whose training data contained the targets it would score. */
export interface TrainingRecord {
  dataset: string;
  /** Fingerprint of the full dataset (users, lengths, items), see datasetFingerprint. */
  fingerprint: string;
  /** How many final items of every user's sequence were withheld from training (2 = valid and test targets). */
  heldOutTail: number;
  /** Items whose interactions were all removed from training (cold-item split), as dataset indices. */
  heldOutItems?: number[];
  epochs: number;
  bestEpoch: number;
  validNdcg10: number;
  seconds: number;
  loss: string;
}

export class ModelError extends Error {
  constructor(
    readonly code:
      | 'MODEL_BAD_OPTION'
      | 'MODEL_BAD_ARTIFACT'
      | 'MODEL_SAW_TEST_TARGETS'
      | 'MODEL_DATASET_MISMATCH'
      | 'MODEL_BACKEND_UNAVAILABLE',
    message: string,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}
