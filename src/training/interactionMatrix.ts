import type { UserSequence } from '../datasets/dataset.js';

/**
 * The binary user x item matrix of the training data in compressed sparse rows, both ways round.
 * A user who interacted with an item several times counts once: CF builders model "did interact".
 */
export interface InteractionMatrix {
  users: number;
  items: number;
  /** userStart[u]..userStart[u+1] indexes userItems: the distinct items of user u. */
  userStart: Int32Array;
  userItems: Int32Array;
  /** itemStart[i]..itemStart[i+1] indexes itemUsers: the distinct users of item i. */
  itemStart: Int32Array;
  itemUsers: Int32Array;
}

export function buildInteractionMatrix(train: readonly UserSequence[], itemCount: number): InteractionMatrix {
  const userStart = new Int32Array(train.length + 1);
  const seen = new Int32Array(itemCount).fill(-1);
  const userItemsList: number[] = [];
  train.forEach((user, u) => {
    for (const item of user.items) {
      if (seen[item] === u) continue;
      seen[item] = u;
      userItemsList.push(item);
    }
    userStart[u + 1] = userItemsList.length;
  });
  const userItems = Int32Array.from(userItemsList);

  const itemStart = new Int32Array(itemCount + 1);
  for (const item of userItems) itemStart[item + 1]!++;
  for (let i = 0; i < itemCount; i++) itemStart[i + 1]! += itemStart[i]!;
  const fill = itemStart.slice(0, itemCount);
  const itemUsers = new Int32Array(userItems.length);
  for (let u = 0; u < train.length; u++) {
    for (let p = userStart[u]!; p < userStart[u + 1]!; p++) itemUsers[fill[userItems[p]!]!++] = u;
  }
  return { users: train.length, items: itemCount, userStart, userItems, itemStart, itemUsers };
}

/** Number of distinct users per item. */
export function itemDegrees(matrix: InteractionMatrix): Float64Array {
  const out = new Float64Array(matrix.items);
  for (let i = 0; i < matrix.items; i++) out[i] = matrix.itemStart[i + 1]! - matrix.itemStart[i]!;
  return out;
}
