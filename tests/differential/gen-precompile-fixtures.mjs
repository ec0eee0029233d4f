// Generates tests/fixtures/precompiles/*.json: GeneralStateTests-format fixtures that call each
// precompile through the EVM. Expected outputs come from @noble/curves (reference-ops.mjs) and
// @noble/hashes, gas from the EIP formulas (precompile-cases.mjs), the post-state root from state-root.mjs;
// nothing here uses Tachyon's own code. Run: node gen-precompile-fixtures.mjs (from tests/differential).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { secp256k1 } from '@noble/curves/secp256k1';
import { ops, Invalid } from './reference-ops.mjs';
import { classicOps, checkBlake2F } from './reference-ops-classic.mjs';
import { stateRoot, keccak, rlp, checkAgainstTrieTests } from './state-root.mjs';
import { suites } from './precompile-cases.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'fixtures', 'precompiles');
const hex = (b) => '0x' + Buffer.from(b).toString('hex');
const num = (v) => '0x' + BigInt(v).toString(16);
const word = (v) => Buffer.from(BigInt(v).toString(16).padStart(64, '0'), 'hex');

// The caller contract. Calldata: gas (32 bytes) ‖ precompile address (32 bytes) ‖ input. It copies
// the input to memory at 0, measures GAS around a STATICCALL, and stores
//   slot 0: success flag, slot 1: RETURNDATASIZE, slot 2: keccak256(return data),
//   slot 3: gas the call consumed = GAS before - GAS after - CALL_OVERHEAD.
// CALL_OVERHEAD is the fixed cost of the code between the two GAS reads: 8 very-low-cost
// instructions (8 × 3), STATICCALL to a warm precompile (100, EIP-2929) and the second GAS (2);
// the memory the call reads is already expanded by CALLDATACOPY and it returns into 0 bytes.
const CALL_OVERHEAD = 8 * 3 + 100 + 2;
const CALLER_CODE = Buffer.from([
  0x60, 0x40, 0x36, 0x03, // len = CALLDATASIZE - 64
  0x80, 0x60, 0x40, 0x60, 0x00, 0x37, // CALLDATACOPY(0, 64, len)
  0x5a, // GAS (before)
  0x60, 0x00, 0x60, 0x00, 0x83, 0x60, 0x00, // retSize 0, retOffset 0, argsSize len, argsOffset 0
  0x60, 0x20, 0x35, 0x60, 0x00, 0x35, // address = calldata[32..64], gas = calldata[0..32]
  0xfa, // STATICCALL
  0x5a, // GAS (after)
  0x90, 0x60, 0x00, 0x55, // SSTORE(0, success)
  0x90, 0x03, 0x60, CALL_OVERHEAD, 0x90, 0x03, 0x60, 0x03, 0x55, // SSTORE(3, before - after - overhead)
  0x50, // POP len
  0x3d, 0x60, 0x01, 0x55, // SSTORE(1, RETURNDATASIZE)
  0x3d, 0x60, 0x00, 0x60, 0x00, 0x3e, // RETURNDATACOPY(0, 0, RETURNDATASIZE)
  0x3d, 0x60, 0x00, 0x20, 0x60, 0x02, 0x55, // SSTORE(2, keccak256(0, RETURNDATASIZE))
  0x00,
]);

const CALLER = '0x00000000000000000000000000000000000c0de0';
const COINBASE = '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba';
const SECRET_KEY = Buffer.from('45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8', 'hex');
const SENDER = hex(keccak(secp256k1.getPublicKey(SECRET_KEY, false).subarray(1)).subarray(12));
const TX_GAS = 2_000_000;
const SENDER_BALANCE = 10n ** 18n;

// Gas price and base fee are 0, so the sender's and coinbase's balances do not depend on the
// transaction's total gas: the root checks the call's own gas (slot 3) and output, not our
// interpreter's cost of the caller code around it.
const pre = {
  [COINBASE]: { nonce: '0x00', balance: '0x01', code: '0x', storage: {} },
  [CALLER]: { nonce: '0x01', balance: '0x00', code: hex(CALLER_CODE), storage: {} },
  [SENDER]: { nonce: '0x00', balance: num(SENDER_BALANCE), code: '0x', storage: {} },
};

// Where the precompile is not active its address is an ordinary empty account: the call succeeds
// with no output, and slot 3 holds the EIP-2929 cold-account surcharge (2600 - the warm 100).
const COLD_SURCHARGE = 2600 - 100;

/** Expected storage of the caller after one call, from the reference result. */
function expectedStorage(c, active) {
  let ok = false, output = Buffer.alloc(0);
  if (!active) {
    ok = true;
  } else if (c.gas >= c.requiredGas) {
    try {
      output = Buffer.from((ops[c.op] ?? classicOps[c.op])(c.input));
      ok = true;
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
    }
  }
  if (active && c.expect !== undefined && c.expect !== ok)
    throw new Error(`case ${c.label}: expected ${c.expect ? 'success' : 'failure'} from the reference`);
  const consumed = !active ? BigInt(COLD_SURCHARGE) : ok ? BigInt(c.requiredGas) : BigInt(c.gas);
  const storage = {};
  const put = (slot, v) => { if (v !== 0n) storage[num(slot)] = num(v); };
  put(0, ok ? 1n : 0n);
  put(1, BigInt(output.length));
  put(2, BigInt(hex(keccak(output))));
  put(3, consumed);
  return storage;
}

function postEntries(suite, active) {
  return suite.cases.map((c, i) => {
    const state = structuredClone(pre);
    state[SENDER].nonce = '0x01';
    state[CALLER].storage = expectedStorage(c, active);
    return { hash: stateRoot(state), logs: hex(keccak(rlp([]))), indexes: { data: i, gas: 0, value: 0 }, state };
  });
}

function fixture(suite) {
  const data = suite.cases.map((c) => hex(Buffer.concat([word(c.gas), word(suite.address), c.input])));
  const labels = suite.cases.map((c, i) => `d=${i}: ${c.label} (gas ${c.gas}, needs ${c.requiredGas})`);
  const post = { [suite.fork]: postEntries(suite, true) };
  for (const fork of suite.inactiveIn ?? []) post[fork] = postEntries(suite, false);
  return {
    [suite.name]: {
      _info: {
        comment: `${suite.title}: calls precompile ${num(suite.address)} through a STATICCALL and stores success, ` +
          'return data size, keccak256(return data) and the gas the call consumed (slots 0-3). ' +
          'Generated by tests/differential/gen-precompile-fixtures.mjs from @noble/curves and the EIP gas formulas.',
        cases: labels,
      },
      env: {
        currentCoinbase: COINBASE,
        currentGasLimit: num(30_000_000),
        currentNumber: '0x01',
        currentTimestamp: '0x03e8',
        currentBaseFee: '0x00',
        currentRandom: '0x' + '00'.repeat(32),
        currentDifficulty: '0x00',
        currentExcessBlobGas: '0x00',
      },
      pre,
      transaction: {
        nonce: '0x00',
        gasPrice: '0x00',
        gasLimit: [num(TX_GAS)],
        to: CALLER,
        value: ['0x00'],
        data,
        sender: SENDER,
        secretKey: hex(SECRET_KEY),
      },
      post,
    },
  };
}

const trieTests = join(here, '..', '..', '..', 'shared', 'fixtures', 'ethereum-tests', 'TrieTests', 'hex_encoded_securetrie_test.json');
try {
  console.log(`state-root self-check: ${checkAgainstTrieTests(JSON.parse(readFileSync(trieTests, 'utf8')))} secure-trie vectors agree`);
} catch (e) {
  if (e.code !== 'ENOENT') throw e;
  console.log('state-root self-check skipped: ../shared/fixtures not found');
}
checkBlake2F();
console.log('BLAKE2b F self-check: agrees with @noble/hashes blake2b');
mkdirSync(outDir, { recursive: true });
for (const suite of suites) {
  writeFileSync(join(outDir, suite.file), JSON.stringify(fixture(suite), null, 2) + '\n');
  console.log(`${suite.file}: ${suite.cases.length} cases`);
}
