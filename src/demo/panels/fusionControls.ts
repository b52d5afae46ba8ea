import { el } from '../shop/format.js';
import { rangeField, type RangeField } from './controls.js';
import { DEFAULT_DIVERSITY, DEFAULT_FUSION_CONFIG, DEFAULT_FUSION_WEIGHTS } from '../../fusion/defaultConfig.js';
import type { SignalName } from '../../signals/registry.js';

/** The signals a visitor can weigh, each with a name and one line a non-specialist understands. */
const SIGNALS: { id: SignalName; label: string; hint: string }[] = [
  { id: 'content', label: 'Similar products', hint: 'Alike in category, tags and words to what you opened.' },
  { id: 'cf', label: 'Shoppers like you (CF)', hint: 'Collaborative filtering: your taste placed among all shoppers\u2019 (vectors in the bundle).' },
  { id: 'prototypes', label: 'Shopper types', hint: 'What groups of shoppers with a taste like yours chose.' },
  { id: 'knn', label: 'Chosen together', hint: 'Products other shoppers opened or bought with yours (cosine links).' },
  { id: 'pearson', label: 'Chosen together (Pearson)', hint: 'The same links, corrected for how popular each product is.' },
  { id: 'ease', label: 'Learned links (EASE)', hint: 'Links between products learned from every shopper\u2019s history at once.' },
  { id: 'sequence', label: 'What comes next', hint: 'What shoppers usually open after your latest products.' },
  { id: 'pop', label: 'Popularity', hint: 'What many shoppers opened and bought lately; the same for everyone.' },
];

const METHODS: { value: string; label: string; hint: string }[] = [
  { value: 'weighted', label: 'Weighted average', hint: 'Each signal\u2019s scores, put on one scale, times its weight, added up.' },
  { value: 'borda', label: 'Voting (Borda)', hint: 'Each signal ranks the products; places earn points, times the weight.' },
  { value: 'rrf', label: 'Voting (reciprocal rank)', hint: 'Like Borda, but the first places of each signal count far more.' },
  { value: 'stacked', label: 'Learned (stacked)', hint: 'A small model trained offline sets the weights, by how long your history is; the sliders below do not apply.' },
];

const WEIGHT_MAX = 4;

/** The visitor-facing name of a signal (the same in every panel). */
export function signalLabel(id: string): string {
  return SIGNALS.find((s) => s.id === id)?.label ?? id;
}

function shippedWeight(id: SignalName): number {
  return DEFAULT_FUSION_WEIGHTS[id] ?? 0;
}

/**
 * The ranking controls of the Engine panel: fusion method, per-signal weights and diversity, applied to every
 * shelf as one override object (`rank(widget, { config })`), and a reset to the shipped settings.
 */
export function createFusionControls(apply: (config: Record<string, unknown> | undefined) => void): HTMLFieldSetElement {
  const fusion = el('fieldset', 'fusion');
  fusion.append(el('legend', undefined, 'How signals are combined'));

  const methodField = el('div', 'field');
  const method = el('select');
  method.id = 'fusion-method';
  method.name = 'method';
  for (const m of METHODS) {
    const option = el('option', undefined, m.label);
    option.value = m.value;
    method.append(option);
  }
  method.value = DEFAULT_FUSION_CONFIG.method;
  const methodLabel = el('label', 'field-label', 'Method');
  methodLabel.htmlFor = method.id;
  const methodHint = el('span', 'field-hint');
  methodHint.id = 'fusion-method-hint';
  method.setAttribute('aria-describedby', methodHint.id);
  const describeMethod = (): void => {
    methodHint.textContent = METHODS.find((m) => m.value === method.value)?.hint ?? '';
  };
  describeMethod();
  methodField.append(methodLabel, method, methodHint);
  fusion.append(methodField);

  const weights = new Map<SignalName, RangeField>();
  const weightBox = el('div', 'weights');
  weightBox.setAttribute('role', 'group');
  weightBox.setAttribute('aria-labelledby', 'weights-heading');
  const weightHeading = el('p', 'field-group', 'Weight of each signal (0 turns it off)');
  weightHeading.id = 'weights-heading';
  weightBox.append(weightHeading);
  for (const signal of SIGNALS) {
    const range = rangeField({ name: `weight-${signal.id}`, label: signal.label, hint: signal.hint, min: 0, max: WEIGHT_MAX, step: 0.05, value: shippedWeight(signal.id), format: (v) => v.toFixed(2) });
    weights.set(signal.id, range);
    weightBox.append(range.field);
  }
  fusion.append(weightBox);

  // MMR: lambda = 1 - diversity (1 = relevance only).
  const diversity = rangeField({
    name: 'diversity',
    label: 'Diversity',
    hint: '0: best matches first. Higher: fewer near-duplicates next to each other (MMR).',
    min: 0,
    max: 1,
    step: 0.05,
    value: 1 - DEFAULT_DIVERSITY.lambda,
    format: (v) => v.toFixed(2),
  });
  fusion.append(diversity.field);

  const reset = el('button', 'secondary', 'Back to the shipped settings');
  reset.type = 'button';
  const applied = el('p', 'note');
  applied.setAttribute('role', 'status');
  fusion.append(reset, applied, el('p', 'note', 'Shipped settings: the bundle\u2019s configuration, or reshelf\u2019s defaults tuned offline by reshelf eval. Changes re-rank every shelf, on this device only (on a phone, close this sheet to see them).'));

  fusion.addEventListener('change', () => {
    describeMethod();
    applied.textContent = 'Applied: every shelf on this page is re-ranked with these settings.';
    apply({
      method: method.value,
      weights: Object.fromEntries([...weights].map(([id, range]) => [id, Number(range.input.value)])),
      diversity: { lambda: 1 - Number(diversity.input.value), depth: DEFAULT_DIVERSITY.depth },
    });
  });
  reset.addEventListener('click', () => {
    method.value = DEFAULT_FUSION_CONFIG.method;
    describeMethod();
    for (const [id, range] of weights) range.set(shippedWeight(id));
    diversity.set(1 - DEFAULT_DIVERSITY.lambda);
    applied.textContent = 'Back to the shipped settings.';
    apply(undefined);
  });
  return fusion;
}
