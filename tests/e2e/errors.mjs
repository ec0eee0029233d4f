// Bad transactions and reverts with ethers v6: each must be refused with the geth-style error
// clients match on (ethers maps some to its own codes) and change nothing.
// Env: RPC_URL, WS_URL. Prints "ok - ..." / "FAIL - ..." per check; exits 1 on any failure.
import { ContractFactory, Transaction, Wallet, keccak256, parseEther, parseUnits } from "ethers";
import { compileTestToken } from "./lib/compile.mjs";
import { CHAIN_ID, check, checkEqual, deadline, errorText, expectError, fail, finish, httpProvider, ok, rpcError, step, wallets } from "./lib/harness.mjs";

deadline(90_000);
const provider = httpProvider();
const [alice, bob] = wallets(provider);
const gwei = parseUnits("1", "gwei");

/** A signed EIP-1559 transfer from wallet with explicit fields (no ethers population, so nothing is pre-checked). */
async function signed(wallet, fields) {
  return wallet.signTransaction({
    type: 2, chainId: CHAIN_ID, to: bob.address, value: 1n, gasLimit: 21_000n,
    maxFeePerGas: 3n * gwei, maxPriorityFeePerGas: gwei, ...fields,
  });
}

/** Sends raw with eth_sendRawTransaction; checks the RPC error code and that the message starts with prefix. */
async function expectRejected(name, raw, { code = -32000, prefix, ethersCode } = {}) {
  const e = await expectError(name, () => provider.send("eth_sendRawTransaction", [raw]));
  if (!e) return null;
  const rpc = rpcError(e);
  if (!rpc) return fail(name, `no JSON-RPC error: ${errorText(e)}`);
  const good = rpc.code === code && (!prefix || rpc.message?.startsWith(prefix)) && (!ethersCode || e.code === ethersCode);
  check(name, good, `rpc ${rpc.code} "${rpc.message}", ethers ${e.code}; want ${code} "${prefix ?? ""}..."${ethersCode ? `, ethers ${ethersCode}` : ""}`);
  if (good) ok(`  ${name}: "${rpc.message}"`);
  return rpc;
}

const before = {
  nonce: await provider.getTransactionCount(alice.address),
  balance: await provider.getBalance(alice.address),
  bobBalance: await provider.getBalance(bob.address),
};

await step("nonce too low", async () => {
  // Use nonce `before.nonce` once, then again.
  const raw = await signed(alice, { nonce: before.nonce });
  await provider.send("eth_sendRawTransactionSync", [raw]);
  const again = await signed(alice, { nonce: before.nonce, value: 2n });
  await expectRejected("nonce too low", again, { prefix: "nonce too low", ethersCode: "NONCE_EXPIRED" });
  await expectRejected("already known (same raw again)", raw, { prefix: "already known" });
});
const aliceNonce = before.nonce + 1;

await step("insufficient funds", async () => {
  const empty = Wallet.createRandom(provider);
  await expectRejected("insufficient funds (empty account)", await signed(empty, { nonce: 0 }),
    { prefix: "insufficient funds for gas * price + value", ethersCode: "INSUFFICIENT_FUNDS" });
  const bobBalance = await provider.getBalance(bob.address);
  await expectRejected("insufficient funds (value above balance)", await signed(bob, { nonce: await provider.getTransactionCount(bob.address), to: alice.address, value: bobBalance }),
    { prefix: "insufficient funds for gas * price + value", ethersCode: "INSUFFICIENT_FUNDS" });
  // Through ethers' own signer path: the error surfaces from eth_estimateGas or the send.
  const e = await expectError("ethers sendTransaction from an empty account", () => empty.sendTransaction({ to: bob.address, value: 1n }));
  if (e) check("ethers sendTransaction from an empty account fails with INSUFFICIENT_FUNDS", e.code === "INSUFFICIENT_FUNDS", errorText(e));
});

await step("intrinsic gas too low", async () => {
  await expectRejected("intrinsic gas too low", await signed(alice, { nonce: aliceNonce, gasLimit: 20_999n }), { prefix: "intrinsic gas too low" });
  await expectRejected("intrinsic gas too low (calldata)", await signed(alice, { nonce: aliceNonce, data: "0x" + "ff".repeat(100) }), { prefix: "intrinsic gas too low" });
});

await step("fee cap below base fee", async () => {
  await expectRejected("max fee below base fee", await signed(alice, { nonce: aliceNonce, maxFeePerGas: gwei / 2n, maxPriorityFeePerGas: 0n }),
    { prefix: "max fee per gas less than block base fee" });
});

await step("wrong chain id", async () => {
  await expectRejected("wrong chain id", await signed(alice, { nonce: aliceNonce, chainId: 1n }), { prefix: "invalid chain id for signer" });
});

await step("malformed raw transactions", async () => {
  const good = await signed(alice, { nonce: aliceNonce });
  await expectRejected("malformed: two bytes", "0x1234", { code: -32000 });
  await expectRejected("malformed: empty", "0x", { code: -32000 });
  await expectRejected("malformed: truncated", good.slice(0, good.length - 10), { code: -32000 });
  await expectRejected("malformed: trailing bytes", good + "00", { code: -32000 });
  const tampered = Transaction.from(good);
  const bad = Transaction.from({ ...tampered.toJSON(), signature: { r: tampered.signature.r, s: tampered.signature.s, v: 27 + (tampered.signature.v === 27 ? 1 : 0) } }).serialized;
  const e = await expectError("flipped signature parity", () => provider.send("eth_sendRawTransaction", [bad]));
  // A flipped parity recovers another (unfunded) sender or none: either way refused.
  if (e) check("flipped signature parity is refused with -32000", rpcError(e)?.code === -32000, errorText(e));
  const notHex = await expectError("not hex", () => provider.send("eth_sendRawTransaction", ["0xzz"]));
  if (notHex) check("non-hex raw transaction is invalid params (-32602)", rpcError(notHex)?.code === -32602, errorText(notHex));
});

await step("nothing changed", async () => {
  checkEqual("nonce of #0 after the refused transactions", await provider.getTransactionCount(alice.address), aliceNonce);
  const spent = before.balance - (await provider.getBalance(alice.address));
  const receipt = await provider.getTransactionReceipt(keccak256(await signed(alice, { nonce: before.nonce })));
  check("balance of #0 only paid the one accepted transfer", receipt && spent === 1n + receipt.gasUsed * receipt.gasPrice, `spent ${spent}`);
});

await step("replacement underpriced (held future nonce)", async () => {
  const carol = Wallet.createRandom(provider);
  const fund = await alice.sendTransaction({ to: carol.address, value: parseEther("1") });
  await fund.wait();
  const n = await provider.getTransactionCount(carol.address);
  const held = await signed(carol, { nonce: n + 1, value: 10n });
  checkEqual("future-nonce transaction is accepted (held)", await provider.send("eth_sendRawTransaction", [held]), keccak256(held));
  await expectRejected("replacement with the same fees", await signed(carol, { nonce: n + 1, value: 11n }),
    { prefix: "replacement transaction underpriced", ethersCode: "REPLACEMENT_UNDERPRICED" });
  await expectRejected("replacement with a 5% bump", await signed(carol, { nonce: n + 1, value: 12n, maxFeePerGas: 3n * gwei * 105n / 100n, maxPriorityFeePerGas: gwei * 105n / 100n }),
    { prefix: "replacement transaction underpriced" });
  const bumped = await signed(carol, { nonce: n + 1, value: 13n, maxFeePerGas: 3n * gwei * 11n / 10n, maxPriorityFeePerGas: gwei * 11n / 10n });
  checkEqual("replacement with a 10% bump is accepted", await provider.send("eth_sendRawTransaction", [bumped]), keccak256(bumped));
  const e = await expectError("sync send of a gapped nonce", async () => provider.send("eth_sendRawTransactionSync", [await signed(carol, { nonce: n + 2, value: 14n })]));
  if (e) check("eth_sendRawTransactionSync of a gapped nonce answers code 5 (EIP-7966 not ready)", rpcError(e)?.code === 5, errorText(e));
  const gapFill = await provider.send("eth_sendRawTransactionSync", [await signed(carol, { nonce: n, value: 15n })]);
  checkEqual("gap filler executes", gapFill.status, "0x1");
  checkEqual("held replacement and follow-up ran after the gap filled", await provider.getTransactionCount(carol.address), n + 3);
  checkEqual("the replaced transaction never ran", await provider.getTransactionReceipt(keccak256(held)), null);
  checkEqual("the replacement ran", (await provider.getTransactionReceipt(keccak256(bumped)))?.status, 1);
});

const { abi, bytecode } = compileTestToken();
let token;
await step("deploy", async () => {
  token = await new ContractFactory(abi, bytecode, alice).deploy(1000n);
  await token.waitForDeployment();
  ok("deployed TestToken");
});

if (token) {
  await step("execution reverted", async () => {
    let e = await expectError("eth_call Error(string)", () => token.failWithReason.staticCall());
    if (e) {
      check("eth_call revert: ethers CALL_EXCEPTION", e.code === "CALL_EXCEPTION", errorText(e));
      checkEqual("eth_call revert: ethers decodes the reason", e.reason, "TestToken: always fails");
    }
    e = await expectError("eth_call custom error", () => token.failWithCustom.staticCall(42n));
    if (e) check("eth_call custom error: ethers decodes Unlucky(42)", e.revert?.name === "Unlucky" && e.revert.args[0] === 42n, errorText(e));
    // ethers' contract estimateGas does not decode custom errors itself (only Error/Panic); the data is there to parse.
    e = await expectError("estimateGas custom error", () => token.failWithCustom.estimateGas(7n));
    if (e) {
      const parsed = e.data ? token.interface.parseError(e.data) : null;
      check("estimateGas revert: CALL_EXCEPTION whose data parses as Unlucky(7)", e.code === "CALL_EXCEPTION" && parsed?.name === "Unlucky" && parsed.args[0] === 7n, errorText(e));
    }
    e = await expectError("ERC20 over-transfer", () => token.connect(bob).transfer.staticCall(alice.address, 5n));
    if (e) check("ERC20 over-transfer: ethers decodes ERC20InsufficientBalance(#1, 0, 5)", e.revert?.name === "ERC20InsufficientBalance"
      && e.revert.args[0] === bob.address && e.revert.args[1] === 0n && e.revert.args[2] === 5n, errorText(e));
    const data = token.interface.encodeFunctionData("failWithCustom", [9n]);
    e = await expectError("raw eth_call revert", async () => provider.call({ to: await token.getAddress(), data }));
    if (e) {
      checkEqual("raw eth_call revert: data is the custom error encoding", e.data, token.interface.encodeErrorResult("Unlucky", [9n]));
      checkEqual("raw eth_call revert: JSON-RPC code 3", rpcError(e)?.code, 3);
      check("raw eth_call revert: message starts 'execution reverted'", rpcError(e)?.message?.startsWith("execution reverted"), rpcError(e)?.message);
    }
    // Mined anyway (explicit gas limit skips estimation): status 0, and wait() throws with the receipt.
    const tx = await token.failWithReason.send({ gasLimit: 100_000n }); // .send: a pure function would be a staticCall
    e = await expectError("reverted transaction", () => tx.wait());
    if (e) check("reverted transaction: wait() throws CALL_EXCEPTION with status 0", e.code === "CALL_EXCEPTION" && e.receipt?.status === 0, errorText(e));
    checkEqual("reverted transaction still used the nonce", await provider.getTransactionCount(alice.address), tx.nonce + 1);
  });
}

finish(provider);
