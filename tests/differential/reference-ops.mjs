// Reference semantics of the EIP-2537 and RIP-7212 precompiles, built on @noble/curves. Each op
// takes the input bytes and returns the output bytes, or throws Invalid when the precompile call
// fails (EIP-2537 errors); P256VERIFY never fails, it answers empty output for invalid input.
// Used by reference.mjs (differential tests) and gen-precompile-fixtures.mjs (state-test fixtures).
import { bls12_381 as bls } from '@noble/curves/bls12-381';
import { p256 } from '@noble/curves/nist';

const { Fp, Fp2, Fp12 } = bls.fields;
const G1 = bls.G1.ProjectivePoint;
const G2 = bls.G2.ProjectivePoint;
const R = bls.fields.Fr.ORDER; // subgroup order
const P = Fp.ORDER;

export class Invalid extends Error {}
const fail = (why) => { throw new Invalid(why); };

const toBig = (b) => (b.length === 0 ? 0n : BigInt('0x' + Buffer.from(b).toString('hex')));
function word(v, len) {
  const hex = v.toString(16).padStart(len * 2, '0');
  if (hex.length !== len * 2) throw new Error('value too large');
  return Buffer.from(hex, 'hex');
}

// 64 bytes: 16 zero bytes, then a 48-byte big-endian value below p.
function decodeFp(b) {
  if (b.length !== 64) fail('fp length');
  for (let i = 0; i < 16; i++) if (b[i] !== 0) fail('fp padding');
  const v = toBig(b.subarray(16));
  if (v >= P) fail('fp >= p');
  return v;
}
const decodeFp2 = (b) => Fp2.fromBigTuple([decodeFp(b.subarray(0, 64)), decodeFp(b.subarray(64, 128))]);
export const encodeFp = (v) => Buffer.concat([Buffer.alloc(16), word(v, 48)]);
export const encodeFp2 = (v) => Buffer.concat([encodeFp(v.c0), encodeFp(v.c1)]);

// Curve membership only (no subgroup check); all-zero bytes encode infinity.
function decodeG1(b, subgroup) {
  if (b.length !== 128) fail('g1 length');
  const x = decodeFp(b.subarray(0, 64)), y = decodeFp(b.subarray(64, 128));
  if (x === 0n && y === 0n) return G1.ZERO;
  if (!Fp.eql(Fp.sqr(y), bls.G1.weierstrassEquation(x))) fail('g1 not on curve');
  const pt = G1.fromAffine({ x, y });
  if (subgroup && !pt.isTorsionFree()) fail('g1 not in subgroup');
  return pt;
}
function decodeG2(b, subgroup) {
  if (b.length !== 256) fail('g2 length');
  const x = decodeFp2(b.subarray(0, 128)), y = decodeFp2(b.subarray(128, 256));
  if (Fp2.is0(x) && Fp2.is0(y)) return G2.ZERO;
  if (!Fp2.eql(Fp2.sqr(y), bls.G2.weierstrassEquation(x))) fail('g2 not on curve');
  const pt = G2.fromAffine({ x, y });
  if (subgroup && !pt.isTorsionFree()) fail('g2 not in subgroup');
  return pt;
}
export function encodeG1(pt) {
  if (pt.is0()) return Buffer.alloc(128);
  const { x, y } = pt.toAffine();
  return Buffer.concat([encodeFp(x), encodeFp(y)]);
}
export function encodeG2(pt) {
  if (pt.is0()) return Buffer.alloc(256);
  const { x, y } = pt.toAffine();
  return Buffer.concat([encodeFp2(x), encodeFp2(y)]);
}

function msm(input, pointLen, decode, Point) {
  const k = input.length / (pointLen + 32);
  if (input.length === 0 || !Number.isInteger(k)) fail('msm length');
  let acc = Point.ZERO;
  for (let i = 0; i < k; i++) {
    const off = i * (pointLen + 32);
    const pt = decode(input.subarray(off, off + pointLen), true);
    const s = toBig(input.subarray(off + pointLen, off + pointLen + 32)) % R;
    if (s !== 0n && !pt.is0()) acc = acc.add(pt.multiplyUnsafe(s));
  }
  return acc;
}

export const ops = {
  G1ADD(input) {
    if (input.length !== 256) fail('length');
    return encodeG1(decodeG1(input.subarray(0, 128), false).add(decodeG1(input.subarray(128), false)));
  },
  G2ADD(input) {
    if (input.length !== 512) fail('length');
    return encodeG2(decodeG2(input.subarray(0, 256), false).add(decodeG2(input.subarray(256), false)));
  },
  G1MSM: (input) => encodeG1(msm(input, 128, decodeG1, G1)),
  G2MSM: (input) => encodeG2(msm(input, 256, decodeG2, G2)),
  PAIRING(input) {
    const k = input.length / 384;
    if (input.length === 0 || !Number.isInteger(k)) fail('pairing length');
    const pairs = [];
    for (let i = 0; i < k; i++) {
      const g1 = decodeG1(input.subarray(i * 384, i * 384 + 128), true);
      const g2 = decodeG2(input.subarray(i * 384 + 128, i * 384 + 384), true);
      if (!g1.is0() && !g2.is0()) pairs.push({ g1, g2 });
    }
    const one = pairs.length === 0 || Fp12.eql(bls.pairingBatch(pairs), Fp12.ONE);
    return word(one ? 1n : 0n, 32);
  },
  MAP_FP_TO_G1(input) {
    if (input.length !== 64) fail('length');
    return encodeG1(bls.G1.mapToCurve([decodeFp(input)]));
  },
  MAP_FP2_TO_G2(input) {
    if (input.length !== 128) fail('length');
    const u = decodeFp2(input);
    return encodeG2(bls.G2.mapToCurve([u.c0, u.c1]));
  },
  P256VERIFY(input) {
    if (input.length !== 160) return Buffer.alloc(0);
    let valid = false;
    try {
      const sig = p256.Signature.fromCompact(input.subarray(32, 96));
      const pub = Buffer.concat([Buffer.from([4]), input.subarray(96, 160)]);
      valid = p256.verify(sig, input.subarray(0, 32), pub, { prehash: false, lowS: false });
    } catch {
      valid = false;
    }
    return valid ? word(1n, 32) : Buffer.alloc(0);
  },
};

