// Other client paths ethers users hit: event polling over HTTP, fee data, full blocks, transaction
// lookups, legacy / access-list / EIP-7702 transactions, node-signed eth_sendTransaction.
// Env: RPC_URL, WS_URL. Prints "ok - ..." / "FAIL - ..." per check; exits 1 on any failure.
import { Contract, ContractFactory, JsonRpcProvider, Network, Wallet, parseEther, parseUnits } from "ethers";
import { compileTestToken } from "./lib/compile.mjs";
import { CHAIN_ID, check, checkEqual, deadline, env, finish, httpProvider, ok, step, waitForSealed, wallets, within } from "./lib/harness.mjs";

deadline(90_000);
const provider = httpProvider();
const [alice, bob] = wallets(provider);
const gwei = parseUnits("1", "gwei");

const { abi, bytecode } = compileTestToken();
const token = await new ContractFactory(abi, bytecode, alice).deploy(1_000_000n);
await token.waitForDeployment();
const tokenAddress = await token.getAddress();
ok("deployed TestToken");

await step("event polling over HTTP (eth_getLogs)", async () => {
  const polling = new JsonRpcProvider(env("RPC_URL"), Network.from(CHAIN_ID), { staticNetwork: true, polling: true, pollingInterval: 100, cacheTimeout: -1 });
  const c = new Contract(tokenAddress, abi, polling);
  const seen = within(8_000, "polled Transfer", (done) => c.on("Transfer", (from, to, value) => { if (value === 11n) done({ from, to }); }));
  await new Promise((r) => setTimeout(r, 300)); // the subscriber reads its start block first
  await (await token.transfer(bob.address, 11n)).wait();
  const got = await seen;
  check("polled Transfer event (ethers polling: true) arrives", got.to === bob.address, JSON.stringify(got));
  await c.removeAllListeners();
  polling.destroy();
});

await step("contract.on over HTTP (ethers default)", async () => {
  // ethers tries eth_newFilter first and falls back to eth_getLogs polling when the node lacks it.
  const c = new Contract(tokenAddress, abi, provider);
  const seen = within(8_000, "Transfer", (done) => c.on("Transfer", (from, to, value) => { if (value === 12n) done(to); }));
  await new Promise((r) => setTimeout(r, 300));
  await (await token.transfer(bob.address, 12n)).wait();
  checkEqual("contract.on Transfer over HTTP arrives", await seen, bob.address);
  await c.removeAllListeners();
});

await step("polling filters (eth_newFilter, eth_newBlockFilter, eth_getFilterChanges)", async () => {
  const topic = token.interface.getEvent("Transfer").topicHash;
  const logFilter = await provider.send("eth_newFilter", [{ address: tokenAddress, topics: [topic] }]);
  const blockFilter = await provider.send("eth_newBlockFilter", []);
  const receipt = await (await token.transfer(bob.address, 13n)).wait();
  // The log is reported once its block is sealed (blocks are sealed every second).
  let logs = [];
  for (let i = 0; i < 40 && logs.length === 0; i++) {
    logs = await provider.send("eth_getFilterChanges", [logFilter]);
    if (logs.length === 0) await new Promise((r) => setTimeout(r, 100));
  }
  check("eth_getFilterChanges: the Transfer log of the sealed block", logs.length === 1 && logs[0].transactionHash === receipt.hash, JSON.stringify(logs));
  checkEqual("eth_getFilterChanges again: nothing new", (await provider.send("eth_getFilterChanges", [logFilter])).length, 0);
  const blocks = await provider.send("eth_getFilterChanges", [blockFilter]);
  check("eth_newBlockFilter: new block hashes", blocks.length >= 1 && /^0x[0-9a-f]{64}$/.test(blocks[0]), JSON.stringify(blocks));
  checkEqual("eth_uninstallFilter", await provider.send("eth_uninstallFilter", [logFilter]), true);
});

await step("fee data and fee history", async () => {
  const fee = await provider.getFeeData();
  const block = await provider.getBlock("latest");
  check("getFeeData: gasPrice >= base fee", fee.gasPrice >= block.baseFeePerGas, `gasPrice ${fee.gasPrice}, base fee ${block.baseFeePerGas}`);
  checkEqual("getFeeData: maxPriorityFeePerGas", fee.maxPriorityFeePerGas, gwei);
  check("getFeeData: maxFeePerGas covers base fee + tip", fee.maxFeePerGas >= block.baseFeePerGas + fee.maxPriorityFeePerGas, `maxFee ${fee.maxFeePerGas}`);
  const history = await provider.send("eth_feeHistory", ["0x4", "latest", [50]]);
  check("eth_feeHistory: 4 gas-used ratios, 5 base fees, rewards", history.gasUsedRatio?.length === 4 && history.baseFeePerGas?.length === 5 && history.reward?.length === 4, JSON.stringify(history));
});

await step("transaction types", async () => {
  const legacy = await alice.sendTransaction({ type: 0, to: bob.address, value: 1n, gasPrice: 2n * gwei });
  checkEqual("legacy (EIP-155) transfer", (await legacy.wait()).status, 1);
  const lookedUp = await provider.getTransaction(legacy.hash);
  check("getTransaction of the legacy transfer: type 0, chain id, gasPrice", lookedUp.type === 0 && lookedUp.chainId === CHAIN_ID && lookedUp.gasPrice === 2n * gwei,
    `type ${lookedUp.type}, chain ${lookedUp.chainId}, gasPrice ${lookedUp.gasPrice}`);
  const slot = "0x" + "00".repeat(32);
  const withList = await alice.sendTransaction({ type: 1, to: tokenAddress, data: token.interface.encodeFunctionData("transfer", [bob.address, 1n]),
    accessList: [{ address: tokenAddress, storageKeys: [slot] }], gasPrice: 2n * gwei });
  const r1 = await withList.wait();
  checkEqual("access-list (type 1) token transfer", r1.status, 1);
  checkEqual("getTransaction keeps the access list", (await provider.getTransaction(withList.hash)).accessList?.[0]?.address, tokenAddress);

  // EIP-7702: bob sponsors a type-4 transaction that delegates a fresh account's code to the token.
  const dave = Wallet.createRandom(provider);
  const auth = await dave.authorize({ address: tokenAddress, nonce: 0n, chainId: CHAIN_ID });
  // The call runs the delegated code already: decimals() succeeds (empty calldata would revert: no fallback).
  const setCode = await bob.sendTransaction({ type: 4, to: dave.address, data: token.interface.encodeFunctionData("decimals"), authorizationList: [auth] });
  checkEqual("EIP-7702 set-code transaction", (await setCode.wait()).status, 1);
  checkEqual("delegated code is 0xef0100 || token", await provider.getCode(dave.address), "0xef0100" + tokenAddress.slice(2).toLowerCase());
  checkEqual("authority nonce bumped", await provider.getTransactionCount(dave.address), 1);
  const asToken = new Contract(dave.address, abi, provider);
  let reason = null;
  try { await asToken.failWithReason.staticCall(); } catch (e) { reason = e.reason; }
  checkEqual("a call to the delegated account runs the token's code", reason, "TestToken: always fails");
});

await step("blocks with full transactions", async () => {
  const tx = await token.transfer(bob.address, 2n);
  const receipt = await tx.wait();
  await waitForSealed(provider, receipt.blockNumber);
  const block = await provider.getBlock(receipt.blockNumber, true);
  const full = block.prefetchedTransactions.find((t) => t.hash === tx.hash);
  check("getBlock(n, true) parses and holds the transaction", full && full.from === alice.address && full.to === tokenAddress && full.blockHash === block.hash,
    `${block.prefetchedTransactions.length} transactions`);
  const receipts = await provider.send("eth_getBlockReceipts", ["0x" + receipt.blockNumber.toString(16)]);
  check("eth_getBlockReceipts includes the receipt", receipts.some((r) => r.transactionHash === tx.hash && r.blockHash === block.hash), `${receipts.length} receipts`);
  const pending = await provider.getBlock("pending");
  check("getBlock('pending') parses", pending && pending.number > receipt.blockNumber, `pending ${pending?.number}`);
});

await step("node-signed eth_sendTransaction (JsonRpcSigner)", async () => {
  const accounts = await provider.send("eth_accounts", []);
  check("eth_accounts lists dev account #0", accounts.map((a) => a.toLowerCase()).includes(alice.address.toLowerCase()), JSON.stringify(accounts));
  const signer = await provider.getSigner(alice.address);
  const before = await provider.getBalance(bob.address);
  const tx = await signer.sendTransaction({ to: bob.address, value: parseEther("0.5") });
  checkEqual("JsonRpcSigner transfer", (await tx.wait()).status, 1);
  checkEqual("JsonRpcSigner transfer value arrived", (await provider.getBalance(bob.address)) - before, parseEther("0.5"));
});

finish(provider);
