/**
 * Symmetric per-row int8 quantisation (value = code * scale): the bundle's own encoding, so the bench and the
 * parity tests score exactly the int8 tables a browser downloads. One implementation, in src/catalog.
 */
export { quantiseVectors as quantiseTable } from '../catalog/quantiseVectors.js';
