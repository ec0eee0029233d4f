// ERC-20 end to end with ethers v6: compile (solc-js, OpenZeppelin), deploy with dev account #0,
// transfer to #1, read Transfer events with getLogs and over a WebSocket subscription, send a
// signed transfer with eth_sendRawTransactionSync, check balances, nonces, eth_call and estimateGas.
// Env: RPC_URL, WS_URL. Prints "ok - ..." / "FAIL - ..." per check; exits 1 on any failure.
import { Contract, ContractFactory, WebSocketProvider, Network, keccak256, parseEther, parseUnits } from "ethers";
import { compileTestToken } from "./lib/compile.mjs";
import { CHAIN_ID, check, checkEqual, deadline, env, finish, httpProvider, ok, step, waitForSealed, wallets, within } from "./lib/harness.mjs";

deadline(90_000);
const provider = httpProvider();
const [alice, bob] = wallets(provider);
const ws = new WebSocketProvider(env("WS_URL"), Network.from(CHAIN_ID), { staticNetwork: true });
const supply = parseUnits("1000000", 18);

await step("chain id", async () => {
  checkEqual("eth_chainId is 31337", BigInt(await provider.send("eth_chainId", [])), CHAIN_ID);
  checkEqual("WebSocket eth_chainId is 31337", BigInt(await ws.send("eth_chainId", [])), CHAIN_ID);
});

const { abi, bytecode, solcVersion } = compileTestToken();
ok(`compiled TestToken (OpenZeppelin ERC20) with solc ${solcVersion}, evmVersion prague`);

const aliceNonce0 = await provider.getTransactionCount(alice.address);
const bobNonce0 = await provider.getTransactionCount(bob.address);

let token;
await step("deploy", async () => {
  const factory = new ContractFactory(abi, bytecode, alice);
  token = await factory.deploy(supply);
  const deployTx = token.deploymentTransaction();
  const receipt = await deployTx.wait();
  checkEqual("deploy receipt status", receipt.status, 1);
  checkEqual("deploy receipt contractAddress", receipt.contractAddress, await token.getAddress());
  const code = await provider.getCode(await token.getAddress());
  check("deployed code is non-empty", code.length > 2, `code ${code}`);
});
if (!token) finish(provider, ws);
const tokenAddress = await token.getAddress();

await step("eth_call views", async () => {
  checkEqual("name()", await token.name(), "Tachyon Test");
  checkEqual("symbol()", await token.symbol(), "TTT");
  checkEqual("decimals()", await token.decimals(), 18n);
  checkEqual("totalSupply()", await token.totalSupply(), supply);
  checkEqual("balanceOf(deployer) = supply", await token.balanceOf(alice.address), supply);
});

const amount1 = parseUnits("250", 18);
let transferReceipt;
await step("transfer", async () => {
  const tx = await token.transfer(bob.address, amount1);
  const t0 = Date.now();
  transferReceipt = await tx.wait(); // one confirmation: the receipt exists at once, before the block is sealed
  ok(`tx.wait() returned in ${Date.now() - t0} ms`);
  checkEqual("transfer receipt status", transferReceipt.status, 1);
  const parsed = transferReceipt.logs.map((l) => token.interface.parseLog(l)).filter((l) => l?.name === "Transfer");
  check("transfer receipt has the Transfer event", parsed.length === 1 && parsed[0].args.from === alice.address
    && parsed[0].args.to === bob.address && parsed[0].args.value === amount1, JSON.stringify(parsed.map((p) => p.args.map(String))));
  checkEqual("balanceOf(#1) after transfer", await token.balanceOf(bob.address), amount1);
});

await step("sealed block and getLogs", async () => {
  const n = transferReceipt.blockNumber;
  await waitForSealed(provider, n);
  const block = await provider.getBlock(n);
  const receipt = await provider.getTransactionReceipt(transferReceipt.hash);
  checkEqual("receipt blockHash is the sealed block's hash", receipt.blockHash, block.hash);
  check("sealed block lists the transfer", block.transactions.includes(transferReceipt.hash), JSON.stringify(block.transactions));
  const events = await token.queryFilter(token.filters.Transfer(alice.address, bob.address), n, n);
  check("getLogs finds the Transfer (queryFilter)", events.length === 1 && events[0].args.value === amount1
    && events[0].transactionHash === transferReceipt.hash && events[0].blockHash === block.hash,
    `found ${events.length}`);
  const all = await provider.getLogs({ address: tokenAddress, fromBlock: 0, toBlock: "latest" });
  checkEqual("getLogs from 0 sees mint + transfer", all.length, 2);
});

await step("WebSocket subscriptions", async () => {
  const wsToken = new Contract(tokenAddress, abi, ws);
  const amount2 = 7n;
  const seenHead = within(5_000, "newHeads block", (done) => ws.once("block", done));
  const seenLog = within(5_000, "Transfer log over WebSocket", (done) => {
    wsToken.on("Transfer", (from, to, value, ev) => { if (value === amount2) done({ from, to, value, ev }); });
  });
  const pendingHashes = new Set();
  await ws.on("pending", (hash) => pendingHashes.add(hash)); // eth_subscribe newPendingTransactions
  // ethers sends eth_subscribe in the background: a round trip queued behind it, then a margin.
  await ws.send("eth_chainId", []);
  await new Promise((r) => setTimeout(r, 200));
  let arrived = 0;
  seenLog.then(() => { arrived = Date.now(); }, () => {});
  const tx = await token.transfer(bob.address, amount2);
  const returned = Date.now();
  const got = await seenLog;
  ok(`WebSocket Transfer log arrived ${arrived - returned} ms after eth_sendRawTransaction returned`);
  check("WebSocket log args", got.from === alice.address && got.to === bob.address, `${got.from} -> ${got.to}`);
  checkEqual("WebSocket log transaction hash", got.ev.log.transactionHash, tx.hash);
  await within(3_000, "pending transaction hash", (done) => {
    const timer = setInterval(() => { if (pendingHashes.has(tx.hash)) { clearInterval(timer); done(); } }, 20);
  });
  ok("WebSocket newPendingTransactions delivered the transfer's hash");
  await ws.off("pending");
  const head = await seenHead;
  check("WebSocket newHeads delivers block numbers", typeof head === "number" && head > 0, `head ${head}`);
  await wsToken.removeAllListeners();
});

await step("eth_sendRawTransactionSync", async () => {
  const back = parseUnits("50", 18);
  const ethBefore = await provider.getBalance(bob.address);
  const req = await bob.populateTransaction(await token.transfer.populateTransaction(alice.address, back));
  const raw = await bob.signTransaction(req);
  const t0 = Date.now();
  const r = await provider.send("eth_sendRawTransactionSync", [raw]);
  ok(`eth_sendRawTransactionSync answered in ${Date.now() - t0} ms`);
  checkEqual("sync receipt status", r.status, "0x1");
  checkEqual("sync receipt transactionHash", r.transactionHash, keccak256(raw));
  checkEqual("sync receipt from", r.from?.toLowerCase(), bob.address.toLowerCase());
  checkEqual("sync receipt to", r.to?.toLowerCase(), tokenAddress.toLowerCase());
  const gasUsed = BigInt(r.gasUsed);
  check("sync receipt gasUsed in (21000, gasLimit]", gasUsed > 21_000n && gasUsed <= req.gasLimit, `gasUsed ${gasUsed}, limit ${req.gasLimit}`);
  checkEqual("sync receipt has one log", r.logs?.length, 1);
  const unsealed = await provider.getLogs({ address: tokenAddress, fromBlock: Number(r.blockNumber), toBlock: "pending" });
  check("getLogs to 'pending' already holds the sync transfer's log", unsealed.some((l) => l.transactionHash === r.transactionHash), `${unsealed.length} logs`);
  const fetched = await provider.getTransactionReceipt(r.transactionHash);
  checkEqual("eth_getTransactionReceipt agrees on gasUsed", fetched?.gasUsed, gasUsed);
  const ethAfter = await provider.getBalance(bob.address);
  checkEqual("ETH balance of #1 fell by gasUsed * effectiveGasPrice", ethBefore - ethAfter, gasUsed * BigInt(r.effectiveGasPrice));
  checkEqual("token balance of #1 after sending back", await token.balanceOf(bob.address), amount1 + 7n - back);
  checkEqual("token balance of #0", await token.balanceOf(alice.address), supply - amount1 - 7n + back);
});

await step("nonces", async () => {
  checkEqual("nonce of #0 (deploy + 2 transfers)", await provider.getTransactionCount(alice.address), aliceNonce0 + 3);
  checkEqual("pending nonce of #0", await provider.getTransactionCount(alice.address, "pending"), aliceNonce0 + 3);
  checkEqual("nonce of #1 (1 sync transfer)", await provider.getTransactionCount(bob.address), bobNonce0 + 1);
});

await step("eth_call and eth_estimateGas", async () => {
  checkEqual("estimateGas of a plain ETH transfer", await provider.estimateGas({ from: alice.address, to: bob.address, value: 1n }), 21_000n);
  const est = await token.transfer.estimateGas(bob.address, 1n);
  check("estimateGas of a token transfer in (21000, 100000)", est > 21_000n && est < 100_000n, `estimate ${est}`);
  // The estimate must be enough: send with exactly that limit.
  const tx = await token.transfer(bob.address, 1n, { gasLimit: est });
  const rcpt = await tx.wait();
  checkEqual("transfer with gasLimit = estimate succeeds", rcpt.status, 1);
  checkEqual("staticCall transfer returns true", await token.transfer.staticCall(bob.address, 1n), true);
  const data = token.interface.encodeFunctionData("balanceOf", [bob.address]);
  const rawCall = await provider.call({ to: tokenAddress, data });
  checkEqual("raw eth_call balanceOf", BigInt(rawCall), await token.balanceOf(bob.address));
  const plain = await provider.estimateGas({ from: alice.address, to: bob.address, value: parseEther("1") });
  checkEqual("estimateGas with value", plain, 21_000n);
});

finish(provider, ws);
