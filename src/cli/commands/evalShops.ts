import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CliError, type Command } from '../command.js';
import { evaluateShops, type ShopsEvalConfig, type ShopsEvalDataset } from '../../applications/evaluateShops.js';
import { DEFAULT_INTEREST } from '../../applications/interestDistribution.js';
import { DEFAULT_SHOP_RANKING } from '../../applications/rankShops.js';
import { s3recShopsDataset } from '../../applications/s3recShopsDataset.js';
import { buildCatalogModel } from '../../training/buildCatalogModel.js';

/** The tuning grid: how deep the item ranking feeds shop interest, and how much diversity. */
const DEPTHS = [20, 100, 500];
const HISTORY_WEIGHTS = [0, 0.25, 0.5];
const DIVERSITIES = [0, 0.1];

function readS3Rec(dir: string) {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    throw new CliError(`${dir}: no such directory (expected an S3-Rec dataset: <name>.txt and <name>_item2attributes.json)`);
  }
  const sequences = files.find((f) => f.endsWith('.txt') && !f.includes('_sample') && !f.includes('_neg'));
  const name = sequences ? basename(sequences, '.txt') : undefined;
  if (!name || !files.includes(`${name}_item2attributes.json`)) throw new CliError(`${dir}: needs <name>.txt and <name>_item2attributes.json (the S3-Rec layout)`);
  return { name, data: s3recShopsDataset(readFileSync(join(dir, `${name}.txt`), 'utf8'), readFileSync(join(dir, `${name}_item2attributes.json`), 'utf8')) };
}

function progress(label: string) {
  let last = 0;
  return (done: number, total: number) => {
    const now = Date.now();
    if (now - last < 5000 && done < total) return;
    last = now;
    process.stderr.write(`${label}: ${done}/${total} users\n`);
  };
}

export const evalShopsCommand: Command = {
  name: 'eval-shops',
  // The figures of record are in `reshelf eval`'s report.json (shops, shops-pop, shops-history); this command stays
  // for the parameter study behind the shipped defaults (--tune) and the no-diversity variant.
  summary: 'Shop (brand) prediction study: the --tune grid behind the shipped shop defaults (`reshelf eval` reports shops, shops-pop).',
  positionals: '<dataset-dir>',
  options: {
    format: { type: 'string', description: 'Dataset layout (brands are inferred from attribute ids).', default: 's3rec', value: 's3rec' },
    out: { type: 'string', description: 'Directory for shops-report.json.', value: '<dir>' },
    split: { type: 'string', description: 'test or valid.', default: 'test', value: 'test|valid' },
    tune: { type: 'boolean', description: `Also measure depth (${DEPTHS.join('/')}) x history weight (${HISTORY_WEIGHTS.join('/')}) x diversity (${DIVERSITIES.join('/')}) on the validation split (how the shipped defaults were chosen); the report's \`shops\` stays the shipped default.` },
    stride: { type: 'string', description: 'Evaluate every n-th user only (quick looks).', default: '1', value: '<n>' },
    'tune-stride': { type: 'string', description: 'With --tune: every n-th user of the validation split.', default: '10', value: '<n>' },
  },
  async run({ positionals, values }) {
    const dir = positionals[0];
    if (!dir || typeof values.out !== 'string') throw new CliError('usage: reshelf eval-shops <dataset-dir> --out <dir> [--split test|valid] [--tune]', 2);
    if (values.format !== 's3rec') throw new CliError(`--format ${String(values.format)}: only s3rec is supported for shops (its brands are attribute ids)`, 2);
    const stride = Number(values.stride);
    const tuneStride = Number(values['tune-stride']);
    if (![stride, tuneStride].every((s) => Number.isInteger(s) && s >= 1)) throw new CliError('--stride and --tune-stride must be positive integers', 2);
    const { name, data } = readS3Rec(dir);
    const dataset: ShopsEvalDataset = data;
    // Every server-side section, from training sequences only, exactly as `reshelf eval` builds them.
    const buildModel = (train: Int32Array[]) => buildCatalogModel(data.items, train.map((items, u) => ({ userId: String(u), items })));
    const shipped: ShopsEvalConfig = { name: 'shops', interest: DEFAULT_INTEREST, diversity: DEFAULT_SHOP_RANKING.diversity };
    const brandsFound = {
      items: data.items.length,
      itemsWithBrand: data.brands.brandOf.size,
      brands: data.brands.brands.size,
      levelOneCategories: [...data.brands.topLevel].sort((a, b) => a - b),
      brandsNamedLikeACategory: [...data.brands.ambiguous].sort((a, b) => a - b),
    };
    console.log(`brands: ${brandsFound.brands} brand ids; ${brandsFound.itemsWithBrand} of ${brandsFound.items} items have one; level-1 categories ${brandsFound.levelOneCategories.join(', ')}`);

    const noDiversity: ShopsEvalConfig = { ...shipped, name: 'shops-no-diversity', diversity: 0 };
    let tuning: unknown;
    if (values.tune) {
      const grid = DEPTHS.flatMap((depth) =>
        HISTORY_WEIGHTS.flatMap((historyWeight) => DIVERSITIES.map((diversity) => ({ name: `depth=${depth},history=${historyWeight},diversity=${diversity}`, interest: { depth, historyWeight }, diversity }))),
      );
      const valid = evaluateShops(dataset, { split: 'valid', buildModel, configs: grid, stride: tuneStride, onProgress: progress('valid') });
      const best = grid.reduce((a, b) => (valid.metrics[b.name]!['NDCG@10']! > valid.metrics[a.name]!['NDCG@10']! ? b : a));
      tuning = { split: 'valid', metric: 'NDCG@10', stride: tuneStride, best: best.name, users: valid.users, results: valid.metrics };
      console.log(`validation: best ${best.name} (NDCG@10 ${valid.metrics[best.name]!['NDCG@10']!.toFixed(4)}); shipped depth=${shipped.interest.depth},history=${shipped.interest.historyWeight},diversity=${shipped.diversity}`);
    }
    const split = values.split as string;
    if (split !== 'test' && split !== 'valid') throw new CliError('--split must be test or valid', 2);
    const result = evaluateShops(dataset, { split, buildModel, configs: [shipped, noDiversity], stride, onProgress: progress(split) });
    const report = {
      dataset: name,
      task: 'predict the shop (brand) of the held-out item',
      itemRanking: 'fused (src/fusion rankCatalog, shipped default) through src/applications/shopperRanking.ts',
      ...result,
      config: { ...shipped.interest, diversity: shipped.diversity, stride },
      brands: brandsFound,
      ...(tuning ? { tuning } : {}),
    };
    mkdirSync(values.out, { recursive: true });
    writeFileSync(join(values.out, 'shops-report.json'), `${JSON.stringify(report, null, 2)}\n`);
    for (const [method, m] of Object.entries(result.metrics)) {
      console.log(`${method.padEnd(20)} ${Object.entries(m).map(([k, v]) => `${k} ${v.toFixed(4)}`).join('  ')}`);
    }
    console.log(`${result.users} users (${result.skippedWithoutShop} skipped: held-out item without a brand), ${result.shops} shops, ${result.seconds.toFixed(1)} s -> ${join(values.out, 'shops-report.json')}`);
    return 0;
  },
};
