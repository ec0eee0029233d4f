// Shared setup of the e2e scripts: providers and dev wallets from RPC_URL / WS_URL, and the
// "ok - ..." / "FAIL - ..." reporting (exit code 1 when any check failed).
import { JsonRpcProvider, Network, Wallet } from "ethers";

export const CHAIN_ID = 31337n;
// Hardhat's test-mnemonic accounts #0 and #1, funded by `tachyon --dev`.
export const KEY0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
export const KEY1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

let failures = 0;

export function ok(name) {
  console.log(`ok - ${name}`);
}

export function fail(name, detail) {
  failures++;
  console.log(`FAIL - ${name}${detail ? `: ${detail}` : ""}`);
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
  console.log(failures === 0 ? "# all checks passed" : `# ${failures} check(s) failed`);
  process.exit(failures === 0 ? 0 : 1);
}

/** Fails the script when it runs longer than ms (the harness also kills it; this prints why first). */
export function deadline(ms) {
  setTimeout(() => {
    fail("script deadline", `still running after ${ms} ms`);
    finish();
  }, ms).unref();
}
