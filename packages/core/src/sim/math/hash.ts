/**
 * A stable 64-bit (two 32-bit lanes) hash of the exact bits of a list of Float64Arrays.
 * Two clients agree on a hash only if every weight is bit-identical — which is the point of
 * the lockstep checkpoints. Bytes are read little-endian explicitly, so the result does not
 * depend on the platform.
 */
export function hashFloat64Arrays(arrays: readonly Float64Array[]): string {
  let h1 = 0x9e3779b1 | 0;
  let h2 = 0x85ebca77 | 0;
  for (const a of arrays) {
    const view = new DataView(a.buffer, a.byteOffset, a.byteLength);
    for (let off = 0; off < a.byteLength; off += 4) {
      const w = view.getUint32(off, true);
      h1 = Math.imul(h1 ^ w, 0x01000193);
      h1 = (h1 << 13) | (h1 >>> 19);
      h2 = Math.imul(h2 + w, 0xc2b2ae35);
      h2 ^= h2 >>> 15;
    }
    h1 = Math.imul(h1 ^ a.length, 0x27d4eb2d);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h1 = Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b);
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  h2 ^= h2 >>> 16;
  return hex32(h1) + hex32(h2);
}

function hex32(x: number): string {
  return (x >>> 0).toString(16).padStart(8, "0");
}
