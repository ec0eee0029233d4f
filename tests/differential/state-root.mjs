// Ethereum state root from an alloc ({address: {nonce, balance, code, storage}}), written from the
// Yellow Paper (RLP, hex-prefix encoding, secure Merkle-Patricia trie) so that the precompile
// fixtures' expected roots do not come from Tachyon's own trie. Checked against the official
// secure-trie vectors (checkAgainstTrieTests).
import { keccak_256 } from '@noble/hashes/sha3';

const big = (hex) => BigInt(hex === '0x' || hex === '' ? 0 : hex);

/** Minimal big-endian bytes of a non-negative integer (0 → empty). */
export function intBytes(v) {
  if (v === 0n) return Buffer.alloc(0);
  let h = v.toString(16);
  if (h.length & 1) h = '0' + h;
  return Buffer.from(h, 'hex');
}

function lengthPrefix(n, offset) {
  if (n < 56) return Buffer.from([offset + n]);
  const l = intBytes(BigInt(n));
  return Buffer.concat([Buffer.from([offset + 55 + l.length]), l]);
}

/** RLP of a Buffer, an array (list) or {raw: Buffer} (an already-encoded embedded node). */
export function rlp(x) {
  if (Array.isArray(x)) {
    const body = Buffer.concat(x.map(rlp));
    return Buffer.concat([lengthPrefix(body.length, 0xc0), body]);
  }
  if (x.raw) return x.raw;
  if (x.length === 1 && x[0] < 0x80) return Buffer.from(x);
  return Buffer.concat([lengthPrefix(x.length, 0x80), x]);
}

export const keccak = (b) => Buffer.from(keccak_256(b));

function nibbles(key) {
  const n = [];
  for (const byte of key) n.push(byte >> 4, byte & 15);
  return n;
}

function hexPrefix(path, leaf) {
  const odd = path.length & 1;
  const flag = (leaf ? 2 : 0) + odd;
  const out = [odd ? (flag << 4) | path[0] : flag << 4];
  for (let i = odd; i < path.length; i += 2) out.push((path[i] << 4) | path[i + 1]);
  return Buffer.from(out);
}

// A child reference: the node itself when its encoding is shorter than 32 bytes, else its hash.
const ref = (enc) => (enc.length < 32 ? { raw: enc } : keccak(enc));

// items: [nibble path, value bytes], sorted, all paths of equal length (hashed keys).
function encodeNode(items, depth) {
  if (items.length === 1) return rlp([hexPrefix(items[0][0].slice(depth), true), items[0][1]]);
  let common = 0;
  for (;;) {
    const n = items[0][0][depth + common];
    if (items.every(([p]) => p[depth + common] === n)) common++;
    else break;
  }
  if (common > 0)
    return rlp([hexPrefix(items[0][0].slice(depth, depth + common), false), ref(encodeNode(items, depth + common))]);
  const branch = [];
  for (let i = 0; i < 16; i++) {
    const sub = items.filter(([p]) => p[depth] === i);
    branch.push(sub.length === 0 ? Buffer.alloc(0) : ref(encodeNode(sub, depth + 1)));
  }
  branch.push(Buffer.alloc(0));
  return rlp(branch);
}

/** Root of a secure trie over [key bytes, value bytes] pairs (keys are keccak-hashed). */
export function secureTrieRoot(pairs) {
  if (pairs.length === 0) return keccak(rlp(Buffer.alloc(0)));
  const items = pairs.map(([k, v]) => [nibbles(keccak(k)), v]);
  items.sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])));
  return keccak(encodeNode(items, 0));
}

const word32 = (v) => Buffer.from(v.toString(16).padStart(64, '0'), 'hex');

export function storageRoot(storage) {
  const pairs = [];
  for (const [k, v] of Object.entries(storage ?? {})) {
    const value = big(v);
    if (value !== 0n) pairs.push([word32(big(k)), rlp(intBytes(value))]);
  }
  return secureTrieRoot(pairs);
}

/** State root of an alloc in the fixture JSON form (hex strings). */
export function stateRoot(alloc) {
  const pairs = [];
  for (const [address, a] of Object.entries(alloc)) {
    const code = Buffer.from(a.code.replace(/^0x/, ''), 'hex');
    const account = rlp([intBytes(big(a.nonce)), intBytes(big(a.balance)), storageRoot(a.storage), keccak(code)]);
    pairs.push([Buffer.from(address.replace(/^0x/, ''), 'hex'), account]);
  }
  return '0x' + secureTrieRoot(pairs).toString('hex');
}

/** Self-check against ethereum-tests TrieTests/hex_encoded_securetrie_test.json ({name: {in, root}}). */
export function checkAgainstTrieTests(json) {
  let checked = 0;
  for (const [name, t] of Object.entries(json)) {
    const hex = (s) => Buffer.from(s.replace(/^0x/, ''), 'hex');
    const root = '0x' + secureTrieRoot(Object.entries(t.in).map(([k, v]) => [hex(k), hex(v)])).toString('hex');
    if (root !== t.root) throw new Error(`trie self-check ${name}: expected ${t.root}, got ${root}`);
    checked++;
  }
  return checked;
}
