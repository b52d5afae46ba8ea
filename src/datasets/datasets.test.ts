import { describe, expect, it } from 'vitest';
import { parseS3Rec } from './s3rec.js';
import { leaveOneOut } from './split.js';
import { parseUniSRec } from './unisrec.js';

describe('s3rec reader', () => {
  it('maps numeric ids to dense indices in numeric order and keeps attributes as tags', () => {
    const ds = parseS3Rec('tiny', '1 10 2 3\n2 3 10\n', '{"2": [7], "10": [1, 2], "3": [5]}');
    expect(ds.items.map((i) => i.id)).toEqual(['2', '3', '10']);
    expect(Array.from(ds.users[0]!.items)).toEqual([2, 0, 1]);
    expect(ds.items[2]!.tags).toEqual(['attr:1', 'attr:2']);
  });
});

describe('unisrec reader', () => {
  it('rebuilds full sequences from the train prefixes, beyond the 50-item truncation', () => {
    const header = 'user_id:token\titem_id_list:token_seq\titem_id:token\n';
    const ds = parseUniSRec('tiny', {
      item2index: 'A\t0\nB\t1\nC\t2\nD\t3\nE\t4\n',
      text: 'item_id:token\ttext:token_seq\nA\tRed pen, fine. Office Pens. Pilot. \n',
      // Pretend truncation to 2 items: the test row alone would lose item 0.
      train: `${header}u\t0 1\t2\nu\t0\t1\n`,
      valid: `${header}u\t1 2\t3\n`,
      test: `${header}u\t2 3\t4\n`,
    });
    expect(Array.from(ds.users[0]!.items)).toEqual([0, 1, 2, 3, 4]);
    expect(ds.items[0]!.attributes).toMatchObject({ title: 'Red pen, fine', brand: 'Pilot' });
  });
});

describe('leave-one-out split', () => {
  it('test: train = sequence minus last; valid: minus last two; history = training prefix', () => {
    const ds = parseS3Rec('tiny', '1 1 2 3 4\n', undefined);
    const test = leaveOneOut(ds, 'test');
    expect(Array.from(test.train[0]!.items)).toEqual([0, 1, 2]);
    expect(test.cases[0]!.target).toBe(3);
    const valid = leaveOneOut(ds, 'valid');
    expect(Array.from(valid.train[0]!.items)).toEqual([0, 1]);
    expect(valid.cases[0]!.target).toBe(2);
  });
});
