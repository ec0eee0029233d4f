// Shared setup of the e2e scripts: providers and dev wallets from RPC_URL / WS_URL, and the
// "ok - ..." / "FAIL - ..." reporting (exit code 1 when any check failed).
import { JsonRpcProvider, Network, Wallet } from "ethers";

export const CHAIN_ID = 31337n;
// Hardhat's test-mnemonic accounts #0 and #1, funded by `tachyon --dev`.
export const KEY0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
export const KEY1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

let failures = 0;
let gaps = 0;

export function ok(name) {
  console.log(`ok - ${name}`);
}

export function fail(name, detail) {
  failures++;
  console.log(`FAIL - ${name}${detail ? `: ${detail}` : ""}`);
}

/**
 * A known gap of the node, listed so the log shows it (TAP "# TODO"): does not fail the script.
 * Turns into a failure once it starts working, so the marker gets removed.
 */
export async function knownGap(name, why, fn) {
  try {
    await fn();
  } catch (e) {
    gaps++;
    console.log(`not ok - ${name} # TODO ${why}: ${errorText(e)}`);
    return;
  }
  fail(name, `works now: remove the known-gap marker (${why})`);
}

/** Records one check: passes when condition is truthy. */
export function check(name, condition, detail) {
  if (condition) ok(name);
  else fail(name, detail);
}

export function checkEqual(name, actual, expected) {
  check(name, actual === expected, `got ${fmt(actual)}, want ${fmt(expected)}`);
}

/** Runs an async step; an exception fails it (with the message) instead of ending the script. */
export async function step(name, fn) {
  try {
    await fn();
  } catch (e) {
    fail(name, errorText(e));
  }
}

/** Expects fn to throw; returns the error (or null, failing the check, when it did not throw). */
export async function expectError(name, fn) {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  fail(name, "no error");
  return null;
}

/** The JSON-RPC error of an ethers error: { code, message, data }. */
export function rpcError(e) {
  return e?.error ?? e?.info?.error ?? null;
}

export function errorText(e) {
  const rpc = rpcError(e);
  return rpc ? `${e.shortMessage ?? e.message} (rpc ${rpc.code}: ${rpc.message})` : String(e?.stack ?? e);
}

function fmt(v) {
  return typeof v === "bigint" ? `${v}n` : JSON.stringify(v);
}

export function env(name) {
  const v = process.env[name];
  if (!v) {
    console.log(`FAIL - environment: ${name} is not set`);
    process.exit(2);
  }
  return v;
}

/** An HTTP provider with a fixed network (no chain-id probing) and a short polling interval (1-s blocks). */
export function httpProvider() {
  // cacheTimeout -1: ethers otherwise answers a repeated identical request (getBalance) from a 250-ms cache.
  const provider = new JsonRpcProvider(env("RPC_URL"), Network.from(CHAIN_ID), { staticNetwork: true, pollingInterval: 100, cacheTimeout: -1 });
  provider.pollingInterval = 100;
  return provider;
}

export function wallets(provider) {
  return [new Wallet(KEY0, provider), new Wallet(KEY1, provider)];
}

/** Ends the script: exit 1 when any check failed. */
export function finish(...providers) {
  for (const p of providers) p?.destroy?.();
  const known = gaps > 0 ? ` (${gaps} known gap(s) marked TODO)` : "";
  console.log(failures === 0 ? `# all checks passed${known}` : `# ${failures} check(s) failed${known}`);
  process.exit(failures === 0 ? 0 : 1);
}

/** Fails the script when it runs longer than ms (the harness also kills it; this prints why first). */
export function deadline(ms) {
  setTimeout(() => {
    fail("script deadline", `still running after ${ms} ms`);
    finish();
  }, ms).unref();
}

/** Resolves with the first value subscribe(done) reports within ms, else rejects. */
export function within(ms, what, subscribe) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
    subscribe((v) => { clearTimeout(timer); resolve(v); });
  });
}

/** Waits until eth_blockNumber (the last sealed block) reaches number. */
export async function waitForSealed(provider, number, ms = 5_000) {
  const end = Date.now() + ms;
  while ((await provider.getBlockNumber()) < number) {
    if (Date.now() > end) throw new Error(`block ${number} not sealed within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
