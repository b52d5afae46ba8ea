import { truncateSequence, type Dataset, type UserSequence } from './dataset.js';

/**
 * Leave-one-out split (quality-protocol.md): the last item of each sequence is the test target, the
 * second-to-last the validation target. For a split, `train` holds each sequence without its held-out tail
 * (minus 1 item for test, minus 2 for valid): every global statistic must be built from `train` only.
 * Each case's `history` is everything before its target, which for this protocol equals the user's training
 * sequence; it is what the on-device signals see and what gets masked in the ranking.
 */
export type SplitName = 'test' | 'valid';

export interface EvalCase {
  user: number;
  history: UserSequence;
  target: number;
}

export interface Split {
  name: SplitName;
  train: UserSequence[];
  cases: EvalCase[];
}

export function leaveOneOut(dataset: Dataset, name: SplitName): Split {
  const heldOut = name === 'test' ? 1 : 2;
  const train: UserSequence[] = [];
  const cases: EvalCase[] = [];
  dataset.users.forEach((user, u) => {
    const length = user.items.length - heldOut;
    if (length < 0) return;
    const history = truncateSequence(user, length);
    train.push(history);
    // A user with an empty history still has a target: the protocol ranks it with global statistics only.
    cases.push({ user: u, history, target: user.items[length]! });
  });
  return { name, train, cases };
}
