// Reference semantics of the precompiles 0x01-0x09 (Yellow Paper, EIP-196/197/198/152), for the
// state-test fixtures: built on @noble/curves and @noble/hashes plus BigInt arithmetic, independent
// of Tachyon. Each op maps input bytes to output bytes or throws Invalid (the call fails).
import { bn254 } from '@noble/curves/bn254';
import { secp256k1 } from '@noble/curves/secp256k1';
import { blake2b } from '@noble/hashes/blake2b';
import { sha256 } from '@noble/hashes/sha2';
import { ripemd160 } from '@noble/hashes/legacy';
import { keccak_256 } from '@noble/hashes/sha3';
import { Invalid } from './reference-ops.mjs';

const fail = (why) => { throw new Invalid(why); };
const cat = (...parts) => Buffer.concat(parts.map((p) => Buffer.from(p)));
const toBig = (b) => (b.length === 0 ? 0n : BigInt('0x' + Buffer.from(b).toString('hex')));
const word = (v) => Buffer.from(BigInt(v).toString(16).padStart(64, '0'), 'hex');
// Input read as if followed by infinitely many zero bytes.
const padded = (input, len) => cat(input, Buffer.alloc(Math.max(0, len - input.length))).subarray(0, len);

// ------------------------------------------------------------------ BN254 (EIP-196/197)

const BnFp = bn254.fields.Fp, BnFp2 = bn254.fields.Fp2, BnFp12 = bn254.fields.Fp12;
const BnG1 = bn254.G1.ProjectivePoint, BnG2 = bn254.G2.ProjectivePoint;
const bnCoord = (b) => { const v = toBig(b); if (v >= BnFp.ORDER) fail('coordinate >= p'); return v; };
function bnG1(b) {
  const x = bnCoord(b.subarray(0, 32)), y = bnCoord(b.subarray(32, 64));
  if (x === 0n && y === 0n) return BnG1.ZERO;
  if (!BnFp.eql(BnFp.sqr(y), BnFp.add(BnFp.mul(BnFp.sqr(x), x), 3n))) fail('g1 not on curve');
  return BnG1.fromAffine({ x, y });
}
// G2 coordinates are encoded imaginary part first.
function bnG2(b) {
  const fp2 = (o) => BnFp2.fromBigTuple([bnCoord(b.subarray(o + 32, o + 64)), bnCoord(b.subarray(o, o + 32))]);
  const x = fp2(0), y = fp2(64);
  if (BnFp2.is0(x) && BnFp2.is0(y)) return BnG2.ZERO;
  if (!BnFp2.eql(BnFp2.sqr(y), bn254.G2.weierstrassEquation(x))) fail('g2 not on curve');
  const pt = BnG2.fromAffine({ x, y });
  if (!pt.isTorsionFree()) fail('g2 not in subgroup');
  return pt;
}
function bnEncodeG1(pt) {
  if (pt.is0()) return Buffer.alloc(64);
  const { x, y } = pt.toAffine();
  return cat(word(x), word(y));
}
/** Encodes a G2 point the EIP-197 way (for building inputs). */
export function bnEncodeG2(pt) {
  if (pt.is0()) return Buffer.alloc(128);
  const { x, y } = pt.toAffine();
  return cat(word(x.c1), word(x.c0), word(y.c1), word(y.c0));
}
export { bnEncodeG1 };

// ------------------------------------------------------------------ BLAKE2b F (EIP-152, RFC 7693)

const MASK = (1n << 64n) - 1n;
const IV = [0x6a09e667f3bcc908n, 0xbb67ae8584caa73bn, 0x3c6ef372fe94f82bn, 0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n, 0x9b05688c2b3e6c1fn, 0x1f83d9abfb41bd6bn, 0x5be0cd19137e2179n];
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4], [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13], [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11], [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5], [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];
const rotr = (x, n) => ((x >> n) | (x << (64n - n))) & MASK;
function blake2F(rounds, h, m, t0, t1, last) {
  const v = [...h, ...IV];
  v[12] ^= t0; v[13] ^= t1;
  if (last) v[14] ^= MASK;
  const G = (a, b, c, d, x, y) => {
    v[a] = (v[a] + v[b] + x) & MASK; v[d] = rotr(v[d] ^ v[a], 32n);
    v[c] = (v[c] + v[d]) & MASK; v[b] = rotr(v[b] ^ v[c], 24n);
    v[a] = (v[a] + v[b] + y) & MASK; v[d] = rotr(v[d] ^ v[a], 16n);
    v[c] = (v[c] + v[d]) & MASK; v[b] = rotr(v[b] ^ v[c], 63n);
  };
  for (let r = 0; r < rounds; r++) {
    const s = SIGMA[r % 10];
    G(0, 4, 8, 12, m[s[0]], m[s[1]]); G(1, 5, 9, 13, m[s[2]], m[s[3]]);
    G(2, 6, 10, 14, m[s[4]], m[s[5]]); G(3, 7, 11, 15, m[s[6]], m[s[7]]);
    G(0, 5, 10, 15, m[s[8]], m[s[9]]); G(1, 6, 11, 12, m[s[10]], m[s[11]]);
    G(2, 7, 8, 13, m[s[12]], m[s[13]]); G(3, 4, 9, 14, m[s[14]], m[s[15]]);
  }
  return h.map((x, i) => x ^ v[i] ^ v[i + 8]);
}
const u64s = (b, n) => Array.from({ length: n }, (_, i) => b.readBigUInt64LE(i * 8));

/** EIP-152 input for hashing `message` (≤ 128 bytes) with BLAKE2b-512 in one block. */
export function blake2bOneBlockInput(message, rounds = 12) {
  const h = Buffer.alloc(64);
  IV.forEach((x, i) => h.writeBigUInt64LE(i === 0 ? x ^ 0x01010040n : x, i * 8));
  const t = Buffer.alloc(16);
  t.writeBigUInt64LE(BigInt(message.length), 0);
  const r = Buffer.alloc(4);
  r.writeUInt32BE(rounds);
  return cat(r, h, padded(Buffer.from(message), 128), t, [1]);
}

// ------------------------------------------------------------------ MODEXP (EIP-198)

function modexp(input) {
  const bl = Number(toBig(padded(input, 32))), el = Number(toBig(padded(input.subarray(32), 32)));
  const ml = Number(toBig(padded(input.subarray(64), 32)));
  const body = input.subarray(96);
  const base = toBig(padded(body, bl)), exp = toBig(padded(body.subarray(bl), el));
  const mod = toBig(padded(body.subarray(bl + el), ml));
  if (ml === 0) return Buffer.alloc(0);
  if (mod === 0n) return Buffer.alloc(ml);
  let result = 1n % mod, b = base % mod, e = exp;
  for (; e > 0n; e >>= 1n, b = (b * b) % mod) if (e & 1n) result = (result * b) % mod;
  return Buffer.from(result.toString(16).padStart(ml * 2, '0'), 'hex');
}

/** EIP-2565 gas for a MODEXP input (lengths must fit in a Number). */
export function modexpGas(input) {
  const bl = Number(toBig(padded(input, 32))), el = Number(toBig(padded(input.subarray(32), 32)));
  const ml = Number(toBig(padded(input.subarray(64), 32)));
  const words = Math.ceil(Math.max(bl, ml) / 8);
  const head = toBig(padded(input.subarray(96 + bl), Math.min(el, 32)));
  const bits = head === 0n ? 0 : head.toString(2).length;
  let iterations = el <= 32 ? Math.max(bits - 1, 0) : 8 * (el - 32) + Math.max(bits - 1, 0);
  iterations = Math.max(iterations, 1);
  return Math.max(200, Math.floor((words * words * iterations) / 3));
}

// ------------------------------------------------------------------ ops

export const classicOps = {
  // Yellow Paper ECREC: empty output (not a failure) for anything that does not recover.
  ECRECOVER(input) {
    const b = padded(input, 128);
    const v = toBig(b.subarray(32, 64)), r = toBig(b.subarray(64, 96)), s = toBig(b.subarray(96, 128));
    const n = secp256k1.CURVE.n;
    if ((v !== 27n && v !== 28n) || r === 0n || r >= n || s === 0n || s >= n) return Buffer.alloc(0);
    try {
      const sig = new secp256k1.Signature(r, s).addRecoveryBit(Number(v - 27n));
      const pub = sig.recoverPublicKey(b.subarray(0, 32)).toRawBytes(false);
      return cat(Buffer.alloc(12), keccak_256(pub.subarray(1)).subarray(12));
    } catch {
      return Buffer.alloc(0);
    }
  },
  SHA256: (input) => sha256(input),
  RIPEMD160: (input) => cat(Buffer.alloc(12), ripemd160(input)),
  IDENTITY: (input) => input,
  MODEXP: modexp,
  BN_ADD(input) {
    const b = padded(input, 128);
    return bnEncodeG1(bnG1(b.subarray(0, 64)).add(bnG1(b.subarray(64, 128))));
  },
  BN_MUL(input) {
    const b = padded(input, 96);
    const s = toBig(b.subarray(64, 96)) % bn254.fields.Fr.ORDER;
    const pt = bnG1(b.subarray(0, 64));
    return bnEncodeG1(s === 0n || pt.is0() ? BnG1.ZERO : pt.multiplyUnsafe(s));
  },
  BN_PAIRING(input) {
    if (input.length % 192 !== 0) fail('pairing length');
    const pairs = [];
    for (let o = 0; o < input.length; o += 192) {
      const g1 = bnG1(input.subarray(o, o + 64)), g2 = bnG2(input.subarray(o + 64, o + 192));
      if (!g1.is0() && !g2.is0()) pairs.push({ g1, g2 });
    }
    return word(pairs.length === 0 || BnFp12.eql(bn254.pairingBatch(pairs), BnFp12.ONE) ? 1n : 0n);
  },
  BLAKE2F(input) {
    if (input.length !== 213) fail('blake2f length');
    if (input[212] > 1) fail('blake2f final flag');
    const h = blake2F(input.readUInt32BE(0), u64s(input.subarray(4, 68), 8), u64s(input.subarray(68, 196), 16),
      input.readBigUInt64LE(196), input.readBigUInt64LE(204), input[212] === 1);
    const out = Buffer.alloc(64);
    h.forEach((x, i) => out.writeBigUInt64LE(x, i * 8));
    return out;
  },
};

/** Self-check of the BLAKE2b F function: one 12-round block must equal @noble/hashes' BLAKE2b-512. */
export function checkBlake2F() {
  for (const msg of ['', 'abc', 'x'.repeat(128)]) {
    const ours = classicOps.BLAKE2F(blake2bOneBlockInput(Buffer.from(msg)));
    if (!ours.equals(Buffer.from(blake2b(Buffer.from(msg))))) throw new Error(`blake2f self-check failed for "${msg}"`);
  }
}
