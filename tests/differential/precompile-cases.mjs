// The cases of the precompile state-test fixtures: inputs built with @noble/curves and @noble/hashes,
// gas from the EIP texts. Each suite becomes one fixture file (see gen-precompile-fixtures.mjs).
import { bls12_381 as bls } from '@noble/curves/bls12-381';
import { p256 } from '@noble/curves/nist';
import { secp256k1 } from '@noble/curves/secp256k1';
import { bn254 } from '@noble/curves/bn254';
import { sha256 } from '@noble/hashes/sha2';
import { keccak_256 } from '@noble/hashes/sha3';
import { encodeG1, encodeG2, encodeFp, encodeFp2 } from './reference-ops.mjs';
import { bnEncodeG1, bnEncodeG2, blake2bOneBlockInput, modexpGas } from './reference-ops-classic.mjs';

const { Fp, Fp2 } = bls.fields;
const G1 = bls.G1.ProjectivePoint;
const G2 = bls.G2.ProjectivePoint;
const P = Fp.ORDER;
const R = bls.fields.Fr.ORDER;
const cat = (...parts) => Buffer.concat(parts.map((p) => Buffer.from(p)));
const word = (v) => Buffer.from(BigInt(v).toString(16).padStart(64, '0'), 'hex');
const words = (len) => Math.ceil(len / 32);

// ------------------------------------------------------------------ gas (EIP texts)

// EIP-2537 MSM discounts for k = 1.. (only the first entries are needed here; multiplier 1000).
const G1_DISCOUNT = [1000, 949, 848, 797];
const G2_DISCOUNT = [1000, 1000, 923, 884];
function msmGas(len, pairLen, mulCost, discounts) {
  const k = Math.floor(len / pairLen);
  if (k === 0) return 0;
  if (k > discounts.length) throw new Error('extend the discount table for k = ' + k);
  return Math.floor((k * mulCost * discounts[k - 1]) / 1000);
}
const gas = {
  G1ADD: () => 375,
  G2ADD: () => 600,
  G1MSM: (len) => msmGas(len, 160, 12000, G1_DISCOUNT),
  G2MSM: (len) => msmGas(len, 288, 22500, G2_DISCOUNT),
  PAIRING: (len) => 32600 * Math.floor(len / 384) + 37700,
  MAP_FP_TO_G1: () => 5500,
  MAP_FP2_TO_G2: () => 23800,
  P256VERIFY: () => 3450, // RIP-7212
  ECRECOVER: () => 3000,
  SHA256: (len) => 60 + 12 * words(len),
  RIPEMD160: (len) => 600 + 120 * words(len),
  IDENTITY: (len) => 15 + 3 * words(len),
  MODEXP: (len, input) => modexpGas(input), // EIP-2565
  BN_ADD: () => 150, // EIP-1108
  BN_MUL: () => 6000,
  BN_PAIRING: (len) => 45000 + 34000 * Math.floor(len / 192),
  BLAKE2F: (len, input) => (len === 213 ? input.readUInt32BE(0) : 0), // EIP-152: one gas per round
};

// ------------------------------------------------------------------ BLS12-381 inputs

const g1 = (pt) => encodeG1(pt);
const g2 = (pt) => encodeG2(pt);
const A = G1.BASE, B = G2.BASE;
const A2 = A.multiply(2n), B2 = B.multiply(2n);
const A7 = A.multiply(7n), B7 = B.multiply(7n);

// The first points (by x = 1, 2, ...) on the curves but outside the order-r subgroup.
function g1OffSubgroup() {
  for (let x = 1n; ; x++) {
    let y;
    try { y = Fp.sqrt(bls.G1.weierstrassEquation(x)); } catch { continue; }
    if (!Fp.eql(Fp.sqr(y), bls.G1.weierstrassEquation(x))) continue;
    const pt = G1.fromAffine({ x, y });
    if (!pt.isTorsionFree()) return pt;
  }
}
function g2OffSubgroup() {
  for (let x0 = 1n; ; x0++) {
    const x = Fp2.fromBigTuple([x0, 1n]);
    let y;
    try { y = Fp2.sqrt(bls.G2.weierstrassEquation(x)); } catch { continue; }
    if (!Fp2.eql(Fp2.sqr(y), bls.G2.weierstrassEquation(x))) continue;
    const pt = G2.fromAffine({ x, y });
    if (!pt.isTorsionFree()) return pt;
  }
}
const A_OFF = g1OffSubgroup(), B_OFF = g2OffSubgroup();

// Encodings that must be rejected.
const g1NotOnCurve = () => cat(encodeFp(A.toAffine().x), encodeFp(Fp.add(A.toAffine().y, 1n)));
const g2NotOnCurve = () => cat(encodeFp2(B.toAffine().x), encodeFp2(Fp2.add(B.toAffine().y, Fp2.ONE)));
const g1XEqualsP = () => cat(encodeFp(P), g1(A).subarray(64));
const withByte = (b, i, v) => { const c = Buffer.from(b); c[i] = v; return c; };

// ------------------------------------------------------------------ P-256 and secp256k1 inputs

const P256_KEY = sha256(Buffer.from('tachyon p256 fixture key'));
const P256_PUB = Buffer.from(p256.getPublicKey(P256_KEY, false)).subarray(1);
function p256Input(msg) {
  const h = sha256(Buffer.from(msg));
  const sig = p256.sign(h, P256_KEY, { prehash: false, lowS: false });
  return cat(h, word(sig.r), word(sig.s), P256_PUB);
}
const replaceWord = (b, i, v) => { const c = Buffer.from(b); word(v).copy(c, i * 32); return c; };
const N256 = p256.CURVE.n, P256P = p256.CURVE.Fp.ORDER;

const K1_KEY = sha256(Buffer.from('tachyon secp256k1 fixture key'));
function ecrecoverInput(msg) {
  const h = keccak_256(Buffer.from(msg));
  const sig = secp256k1.sign(h, K1_KEY);
  return cat(h, word(27 + sig.recovery), word(sig.r), word(sig.s));
}

// ------------------------------------------------------------------ BN254, MODEXP and BLAKE2F inputs

const C = bn254.G1.ProjectivePoint.BASE, D = bn254.G2.ProjectivePoint.BASE;
const bn1 = (pt) => bnEncodeG1(pt), bn2 = (pt) => bnEncodeG2(pt);
const BN_P = bn254.fields.Fp.ORDER, BN_R = bn254.fields.Fr.ORDER;
// A point on the twist but outside the order-r subgroup (the twist's cofactor is not 1).
function bnG2OffSubgroup() {
  const Fp2 = bn254.fields.Fp2;
  for (let x0 = 1n; ; x0++) {
    const x = Fp2.fromBigTuple([x0, 1n]);
    let y;
    try { y = Fp2.sqrt(bn254.G2.weierstrassEquation(x)); } catch { continue; }
    if (!Fp2.eql(Fp2.sqr(y), bn254.G2.weierstrassEquation(x))) continue;
    const pt = bn254.G2.ProjectivePoint.fromAffine({ x, y });
    if (!pt.isTorsionFree()) return pt;
  }
}
const modexpInput = (base, exp, mod) => cat(word(base.length), word(exp.length), word(mod.length), base, exp, mod);
const be = (v, len) => Buffer.from(BigInt(v).toString(16).padStart(len * 2, '0'), 'hex');

// ------------------------------------------------------------------ suites

/**
 * valid: inputs the precompile accepts, called with 1000 gas to spare (only the EIP's gas is
 * consumed); invalid: inputs it rejects (all the call's gas is consumed); then the first valid
 * input with exactly the required gas and with one gas less.
 */
function suite(name, title, address, op, valid, invalid, fork = 'Prague', inactiveIn = []) {
  const cases = [];
  const add = (label, input, extra, expect) => {
    const requiredGas = gas[op](input.length, Buffer.from(input));
    cases.push({ label, op, input: Buffer.from(input), requiredGas, gas: requiredGas + extra, expect });
  };
  for (const [label, input] of valid) add(label, input, 1000, true);
  for (const [label, input] of invalid) add('invalid: ' + label, input, 1000, false);
  add(valid[0][0] + ', exactly the required gas', valid[0][1], 0, true);
  add(valid[0][0] + ', one gas too little', valid[0][1], -1, false);
  return { name, title, file: `${name}.json`, address, fork, inactiveIn, cases };
}

export const suites = [
  suite('bls12_g1add', 'BLS12-381 G1ADD (EIP-2537)', 0x0b, 'G1ADD', [
    ['G + 2G', cat(g1(A), g1(A2))],
    ['G + infinity', cat(g1(A), g1(G1.ZERO))],
    ['infinity + infinity', cat(g1(G1.ZERO), g1(G1.ZERO))],
    ['P + (-P) = infinity', cat(g1(A7), g1(A7.negate()))],
    ['P + P (doubling)', cat(g1(A7), g1(A7))],
    ['point outside the subgroup (G1ADD does no subgroup check)', cat(g1(A_OFF), g1(A))],
  ], [
    ['255-byte input', cat(g1(A), g1(A2)).subarray(0, 255)],
    ['257-byte input', cat(g1(A), g1(A2), [0])],
    ['empty input', Buffer.alloc(0)],
    ['x = p', cat(g1XEqualsP(), g1(A2))],
    ['nonzero top padding byte', cat(withByte(g1(A), 0, 1), g1(A2))],
    ['point not on the curve', cat(g1(A), g1NotOnCurve())],
  ]),
  suite('bls12_g1msm', 'BLS12-381 G1MSM (EIP-2537)', 0x0c, 'G1MSM', [
    ['k=2: 5G + 7(2G)', cat(g1(A), word(5), g1(A2), word(7))],
    ['k=1: G * 3', cat(g1(A), word(3))],
    ['k=1: scalar 0', cat(g1(A), word(0))],
    ['k=1: scalar r (multiple of the order)', cat(g1(A), word(R))],
    ['k=1: scalar 2^256 - 1', cat(g1(A), word((1n << 256n) - 1n))],
    ['k=3 with infinity', cat(g1(A), word(11), g1(G1.ZERO), word(13), g1(A7), word(R - 1n))],
    ['k=4', cat(g1(A), word(1), g1(A2), word(2), g1(A7), word(3), g1(A7.negate()), word(3))],
  ], [
    ['empty input', Buffer.alloc(0)],
    ['159-byte input', cat(g1(A), word(5)).subarray(0, 159)],
    ['point outside the subgroup', cat(g1(A_OFF), word(5))],
    ['point not on the curve', cat(g1NotOnCurve(), word(5))],
    ['x = p in the second pair', cat(g1(A), word(5), g1XEqualsP(), word(1))],
  ]),
  suite('bls12_g2add', 'BLS12-381 G2ADD (EIP-2537)', 0x0d, 'G2ADD', [
    ['G + 2G', cat(g2(B), g2(B2))],
    ['G + infinity', cat(g2(B), g2(G2.ZERO))],
    ['P + (-P) = infinity', cat(g2(B7), g2(B7.negate()))],
    ['P + P (doubling)', cat(g2(B7), g2(B7))],
    ['point outside the subgroup (G2ADD does no subgroup check)', cat(g2(B_OFF), g2(B))],
  ], [
    ['511-byte input', cat(g2(B), g2(B2)).subarray(0, 511)],
    ['nonzero top padding byte of x.c1', cat(withByte(g2(B), 64, 1), g2(B2))],
    ['x.c0 = p', cat(encodeFp(P), g2(B).subarray(64), g2(B2))],
    ['point not on the curve', cat(g2NotOnCurve(), g2(B))],
  ]),
  suite('bls12_g2msm', 'BLS12-381 G2MSM (EIP-2537)', 0x0e, 'G2MSM', [
    ['k=2: 5G + 7(2G)', cat(g2(B), word(5), g2(B2), word(7))],
    ['k=1: G * 3', cat(g2(B), word(3))],
    ['k=1: scalar 0', cat(g2(B), word(0))],
    ['k=3 with infinity', cat(g2(B), word(11), g2(G2.ZERO), word(13), g2(B7), word(R - 1n))],
  ], [
    ['empty input', Buffer.alloc(0)],
    ['289-byte input', cat(g2(B), word(5), [0])],
    ['point outside the subgroup', cat(g2(B_OFF), word(5))],
    ['point not on the curve', cat(g2NotOnCurve(), word(5))],
  ]),
  suite('bls12_pairing_check', 'BLS12-381 PAIRING_CHECK (EIP-2537)', 0x0f, 'PAIRING', [
    ['e(G1, G2) * e(-G1, G2) = 1', cat(g1(A), g2(B), g1(A.negate()), g2(B))],
    ['e(G1, G2) != 1', cat(g1(A), g2(B))],
    ['e(2G1, 7G2) * e(-7G1, 2G2) = 1', cat(g1(A2), g2(B7), g1(A7.negate()), g2(B2))],
    ['e(infinity, G2) = 1', cat(g1(G1.ZERO), g2(B))],
    ['k=3, product != 1', cat(g1(A), g2(B), g1(A2), g2(B2), g1(G1.ZERO), g2(G2.ZERO))],
  ], [
    ['empty input', Buffer.alloc(0)],
    ['383-byte input', cat(g1(A), g2(B)).subarray(0, 383)],
    ['G1 point outside the subgroup', cat(g1(A_OFF), g2(B))],
    ['G2 point outside the subgroup', cat(g1(A), g2(B_OFF))],
    ['G1 point not on the curve', cat(g1NotOnCurve(), g2(B))],
  ]),
  suite('bls12_map_fp_to_g1', 'BLS12-381 MAP_FP_TO_G1 (EIP-2537)', 0x10, 'MAP_FP_TO_G1', [
    ['u = 1', encodeFp(1n)],
    ['u = 0', encodeFp(0n)],
    ['u = p - 1', encodeFp(P - 1n)],
    ['u = keccak("tachyon") mod p', encodeFp(BigInt('0x' + Buffer.from(keccak_256('tachyon')).toString('hex')) % P)],
  ], [
    ['u = p', encodeFp(P)],
    ['nonzero top padding byte', withByte(encodeFp(1n), 15, 1)],
    ['63-byte input', encodeFp(1n).subarray(1)],
  ]),
  suite('bls12_map_fp2_to_g2', 'BLS12-381 MAP_FP2_TO_G2 (EIP-2537)', 0x11, 'MAP_FP2_TO_G2', [
    ['u = (1, 2)', cat(encodeFp(1n), encodeFp(2n))],
    ['u = 0', cat(encodeFp(0n), encodeFp(0n))],
    ['u = (p - 1, p - 1)', cat(encodeFp(P - 1n), encodeFp(P - 1n))],
  ], [
    ['u.c1 = p', cat(encodeFp(1n), encodeFp(P))],
    ['nonzero top padding byte of c0', cat(withByte(encodeFp(1n), 0, 1), encodeFp(2n))],
    ['127-byte input', cat(encodeFp(1n), encodeFp(2n)).subarray(1)],
  ]),
  suite('p256verify', 'P256VERIFY (RIP-7212), Tachyon L2 only', 0x100, 'P256VERIFY', [
    ['valid signature', p256Input('hello')],
    ['second valid signature', p256Input('tachyon')],
    // Invalid signatures and inputs are not errors: the call succeeds with empty output.
    ['wrong message hash', replaceWord(p256Input('hello'), 0, 1n)],
    ['r = 0', replaceWord(p256Input('hello'), 1, 0n)],
    ['s = n', replaceWord(p256Input('hello'), 2, N256)],
    ['r = n + r', (() => { const b = p256Input('hello'); return replaceWord(b, 1, BigInt('0x' + b.subarray(32, 64).toString('hex')) + N256); })()],
    ['public key not on the curve', replaceWord(p256Input('hello'), 4, 1n)],
    ['public key x = p', replaceWord(p256Input('hello'), 3, P256P)],
    ['public key at infinity (0, 0)', replaceWord(replaceWord(p256Input('hello'), 3, 0n), 4, 0n)],
    ['159-byte input', p256Input('hello').subarray(0, 159)],
    ['161-byte input', cat(p256Input('hello'), [0])],
    ['empty input', Buffer.alloc(0)],
  ], [], 'TachyonL2', ['Prague']), // in Ethereum's Prague 0x100 is an empty account
  suite('ecrecover', 'ECRECOVER (0x01)', 0x01, 'ECRECOVER', [
    ['valid signature', ecrecoverInput('hello')],
    ['v = 29 (empty output)', replaceWord(ecrecoverInput('hello'), 1, 29n)],
    ['s = 0 (empty output)', replaceWord(ecrecoverInput('hello'), 3, 0n)],
    ['short input (zero-padded)', ecrecoverInput('hello').subarray(0, 100)],
  ], []),
  suite('modexp', 'MODEXP (0x05, EIP-198 with EIP-2565 gas)', 0x05, 'MODEXP', [
    ['3^(p-2) mod p (secp256k1 p, 32-byte operands)', modexpInput(be(3, 32), be(secp256k1.CURVE.Fp.ORDER - 2n, 32), be(secp256k1.CURVE.Fp.ORDER, 32))],
    ['2^5 mod 7', modexpInput(be(2, 1), be(5, 1), be(7, 1))],
    ['modulus 0', modexpInput(be(5, 1), be(3, 1), be(0, 1))],
    ['exponent 0', modexpInput(be(5, 4), Buffer.alloc(0), be(13, 4))],
    ['40-byte exponent', modexpInput(be(7, 8), Buffer.alloc(40, 0xff), be((1n << 64n) - 59n, 8))],
    ['input shorter than its lengths (zero-padded)', modexpInput(be(2, 1), be(3, 1), be(5, 2)).subarray(0, 98)],
    ['all lengths 0', Buffer.alloc(96)],
  ], []),
  suite('bn254_add', 'BN254 ECADD (0x06, EIP-196)', 0x06, 'BN_ADD', [
    ['G + 2G', cat(bn1(C), bn1(C.multiply(2n)))],
    ['G + infinity', cat(bn1(C), bn1(C.subtract(C)))],
    ['P + (-P)', cat(bn1(C.multiply(9n)), bn1(C.multiply(9n).negate()))],
    ['short input (zero-padded)', bn1(C)],
    ['empty input', Buffer.alloc(0)],
  ], [
    ['point not on the curve', cat(bn1(C), word(1), word(3))],
    ['x = p', cat(word(BN_P), word(2), bn1(C))],
  ]),
  suite('bn254_mul', 'BN254 ECMUL (0x07, EIP-196)', 0x07, 'BN_MUL', [
    ['G * 9', cat(bn1(C), word(9))],
    ['G * r', cat(bn1(C), word(BN_R))],
    ['G * (2^256 - 1)', cat(bn1(C), word((1n << 256n) - 1n))],
    ['infinity * 5', cat(bn1(C.subtract(C)), word(5))],
    ['short input (zero-padded)', cat(bn1(C), be(1, 1))],
  ], [
    ['point not on the curve', cat(word(1), word(1), word(2))],
    ['y = p', cat(word(1), word(BN_P), word(2))],
  ]),
  suite('bn254_pairing', 'BN254 ECPAIRING (0x08, EIP-197)', 0x08, 'BN_PAIRING', [
    ['e(G1, G2) * e(-G1, G2) = 1', cat(bn1(C), bn2(D), bn1(C.negate()), bn2(D))],
    ['e(G1, G2) != 1', cat(bn1(C), bn2(D))],
    ['empty input = 1', Buffer.alloc(0)],
    ['e(3G1, 5G2) * e(-15G1, G2) = 1', cat(bn1(C.multiply(3n)), bn2(D.multiply(5n)), bn1(C.multiply(15n).negate()), bn2(D))],
  ], [
    ['191-byte input', cat(bn1(C), bn2(D)).subarray(0, 191)],
    ['G2 point outside the subgroup', cat(bn1(C), bn2(bnG2OffSubgroup()))],
    ['G1 point not on the curve', cat(word(1), word(1), bn2(D))],
  ]),
  suite('blake2f', 'BLAKE2F (0x09, EIP-152)', 0x09, 'BLAKE2F', [
    ['12 rounds of BLAKE2b("abc")', blake2bOneBlockInput(Buffer.from('abc'))],
    ['0 rounds', blake2bOneBlockInput(Buffer.from('abc'), 0)],
    ['1000 rounds, final flag 0', (() => { const b = blake2bOneBlockInput(Buffer.from('tachyon'), 1000); b[212] = 0; return b; })()],
  ], [
    ['final flag 2', (() => { const b = blake2bOneBlockInput(Buffer.from('abc')); b[212] = 2; return b; })()],
    ['212-byte input', blake2bOneBlockInput(Buffer.from('abc')).subarray(0, 212)],
    ['214-byte input', cat(blake2bOneBlockInput(Buffer.from('abc')), [0])],
  ]),
  suite('sha256', 'SHA256 (0x02)', 0x02, 'SHA256', [
    ['"abc"', Buffer.from('abc')],
    ['empty input', Buffer.alloc(0)],
    ['100 bytes', Buffer.alloc(100, 0x5a)],
  ], []),
  suite('ripemd160', 'RIPEMD160 (0x03)', 0x03, 'RIPEMD160', [
    ['"abc"', Buffer.from('abc')],
    ['empty input', Buffer.alloc(0)],
    ['100 bytes', Buffer.alloc(100, 0x5a)],
  ], []),
  suite('identity', 'IDENTITY (0x04)', 0x04, 'IDENTITY', [
    ['33 bytes', Buffer.alloc(33, 0x11)],
    ['empty input', Buffer.alloc(0)],
    ['1 byte', Buffer.from([0x42])],
  ], []),
];
