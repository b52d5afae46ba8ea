import { describe, expect, it } from 'vitest';
import { encodeModesFor, encoderOptions } from './encodeBench.js';

describe('encode bench modes', () => {
  it('times a forced wasm next to worker only for kinds the worker runs as plain loops', () => {
    const modes = ['worker', 'wasm', 'cpu', 'webgl'];
    expect(encodeModesFor('sasrec', modes)).toEqual(modes);
    expect(encodeModesFor('gru', modes)).toEqual(modes);
    // Caser runs on tfjs wasm by default: its forced wasm would repeat the worker row.
    expect(encodeModesFor('caser', modes)).toEqual(['worker', 'cpu', 'webgl']);
    expect(encodeModesFor('caser', ['wasm', 'cpu'])).toEqual(['wasm', 'cpu']);
  });

  it('forces every kind onto the named tfjs backend, and rejects an unknown mode', () => {
    expect(encoderOptions('worker')).toEqual({});
    const forced = encoderOptions('cpu');
    expect(forced).toMatchObject({ onTfjs: true, fallbacks: ['cpu'] });
    expect(forced.preferredBackend?.()).toBe('cpu');
    expect(() => encoderOptions('gpu')).toThrow(/"gpu" is not one of worker, wasm, cpu, webgl, webgpu/);
  });
});
