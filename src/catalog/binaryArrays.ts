/**
 * Bundle files are little-endian. Every browser and Node platform reshelf runs on is little-endian, so typed
 * arrays read them directly; on a big-endian host this module refuses rather than reading garbage.
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function requireLittleEndian(): void {
  if (!LITTLE_ENDIAN) throw new Error('reshelf bundles are little-endian; this platform is big-endian');
}

/** Bytes of a typed array (a view, not a copy), for concatenation into a file. */
export function bytesOf(array: ArrayBufferView): Uint8Array {
  requireLittleEndian();
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** Copies `length` elements starting at byte `offset` into a fresh, aligned typed array. */
export function readFloat32(bytes: Uint8Array, offset: number, length: number): Float32Array {
  requireLittleEndian();
  return new Float32Array(bytes.slice(offset, offset + length * 4).buffer);
}

export function readFloat64(bytes: Uint8Array, offset: number, length: number): Float64Array {
  requireLittleEndian();
  return new Float64Array(bytes.slice(offset, offset + length * 8).buffer);
}

export function readInt32(bytes: Uint8Array, offset: number, length: number): Int32Array {
  requireLittleEndian();
  return new Int32Array(bytes.slice(offset, offset + length * 4).buffer);
}

export function readUint32(bytes: Uint8Array, offset: number, length: number): Uint32Array {
  requireLittleEndian();
  return new Uint32Array(bytes.slice(offset, offset + length * 4).buffer);
}

export function readInt8(bytes: Uint8Array, offset: number, length: number): Int8Array {
  return new Int8Array(bytes.slice(offset, offset + length).buffer);
}
