using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.Interpreter;
using Tachyon.Rpc.Backend;
using CallResult = Tachyon.Rpc.Backend.CallResult;
using static Tachyon.Sequencer.Tests.TestChain;

namespace Tachyon.Sequencer.Tests;

public sealed class ExecutionTests
{
    private static readonly Address Bob = Address.Parse("0x00000000000000000000000000000000000000b0");

    [Fact]
    public async Task ReceiptExistsRightAfterSubmitInTheOpenBlock()
    {
        await using var chain = Start();
        var tx = Transfer(0, Bob, 1234, nonce: 0);
        SubmitResult result = await chain.SubmitAsync(tx);
        Assert.True(result.Accepted);
        Assert.Equal(tx.Hash, result.Hash);

        // No mini-block or block boundary needed: the wait completes at once.
        ReceiptInfo? receipt = await chain.Backend.WaitForReceiptAsync(tx.Hash, TimeSpan.FromMilliseconds(1), CancellationToken.None);
        Assert.NotNull(receipt);
        Assert.True(receipt.Receipt.Success);
        Assert.Equal(1UL, receipt.BlockNumber);            // the open block
        Assert.Equal(Hash256.Zero, receipt.BlockHash);     // not sealed yet
        Assert.Equal(21_000UL, receipt.GasUsed);
        Assert.Equal(21_000UL, receipt.Receipt.CumulativeGasUsed);
        Assert.Equal(Gwei * 2, receipt.EffectiveGasPrice);  // base fee 1 gwei + 1 gwei tip
        Assert.Equal(0UL, chain.Backend.HeadNumber);        // latest header: still genesis

        // latest/pending state already sees it; the sealed genesis state does not.
        Assert.Equal((UInt256)1234, chain.Backend.GetBalance(Bob, BlockSelector.Latest));
        Assert.Equal(InitialBalance - 1234 - Gwei * 2 * 21_000, chain.Backend.GetBalance(Accounts[0], BlockSelector.Pending));
        Assert.Equal(UInt256.Zero, chain.Backend.GetBalance(Bob, BlockSelector.Safe));
        Assert.Equal(Gwei * 21_000, chain.Backend.GetBalance(Coinbase, BlockSelector.Latest)); // the tip

        TransactionInfo info = chain.Backend.GetTransaction(tx.Hash)!;
        Assert.Equal(1UL, info.BlockNumber);
        Assert.Equal(0UL, info.TransactionIndex);
    }

    [Fact]
    public async Task WaitForReceiptCompletesWhenTheTransactionExecutesLater()
    {
        await using var chain = Start();
        var held = Transfer(0, Bob, 1, nonce: 1);
        Assert.True((await chain.SubmitAsync(held)).Queued);
        var wait = chain.Backend.WaitForReceiptAsync(held.Hash, TimeSpan.FromSeconds(10), CancellationToken.None).AsTask();
        Assert.False(wait.IsCompleted);
        await chain.ExecuteAsync(Transfer(0, Bob, 1, nonce: 0));
        ReceiptInfo? r = await wait.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(r);
        Assert.Equal(1UL, r.TransactionIndex);

        Assert.Null(await chain.Backend.WaitForReceiptAsync(Hash256.Parse("0x" + new string('1', 64)), TimeSpan.FromMilliseconds(20), CancellationToken.None));
    }

    [Fact]
    public async Task ContractDeployCallEstimateAndLogs()
    {
        await using var chain = Start();
        ReceiptInfo deployed = await chain.ExecuteAsync(Call(0, null, Contracts.Deploy(Contracts.StoreRuntime()), nonce: 0));
        Address contract = deployed.ContractAddress!.Value;
        Assert.Equal(VirtualMachine.CreateAddress(Accounts[0], 0), contract);
        Assert.Equal(Contracts.StoreRuntime(), chain.Backend.GetCode(contract, BlockSelector.Latest)!.Value.ToArray());

        ReceiptInfo stored = await chain.ExecuteAsync(Call(0, contract, Contracts.Word(7), nonce: 1));
        Assert.True(stored.Receipt.Success);
        Assert.Single(stored.Receipt.Logs);
        Assert.Equal(Contracts.StoredTopic, stored.Receipt.Logs[0].Topics[0]);
        Assert.Equal(1UL, stored.TransactionIndex);
        Assert.Equal(0UL, stored.FirstLogIndex);
        Assert.Equal(Hash256.Parse("0x" + new string('0', 63) + "7"), chain.Backend.GetStorageAt(contract, 0, BlockSelector.Latest));

        // eth_call sees the pending state and changes nothing.
        var call = new CallRequest { From = Accounts[1], To = contract, Input = Contracts.Word(9) };
        CallResult? result = await chain.Backend.CallAsync(call, BlockSelector.Latest, null, CancellationToken.None);
        Assert.Equal(CallStatus.Success, result!.Status);
        Assert.Equal(Contracts.Word(7), result.ReturnData.ToArray());
        Assert.Equal(Hash256.Parse("0x" + new string('0', 63) + "7"), chain.Backend.GetStorageAt(contract, 0, BlockSelector.Latest));

        // State override: slot 0 reads 5 for this call only.
        var overrides = new Dictionary<Address, AccountOverride>
        {
            [contract] = new AccountOverride { StateDiff = new Dictionary<Hash256, Hash256> { [Hash256.Zero] = new Hash256(Contracts.Word(5)) } },
        };
        result = await chain.Backend.CallAsync(call, BlockSelector.Pending, overrides, CancellationToken.None);
        Assert.Equal(Contracts.Word(5), result!.ReturnData.ToArray());

        // The estimate is enough (the transaction succeeds with it) and not far above what it needs.
        CallResult? estimate = await chain.Backend.EstimateGasAsync(call, BlockSelector.Latest, null, CancellationToken.None);
        Assert.Equal(CallStatus.Success, estimate!.Status);
        ReceiptInfo withEstimate = await chain.ExecuteAsync(Call(1, contract, Contracts.Word(9), nonce: 0, gas: estimate.GasUsed));
        Assert.True(withEstimate.Receipt.Success);
        Assert.True(estimate.GasUsed < withEstimate.GasUsed * 11 / 10, $"estimate {estimate.GasUsed}, used {withEstimate.GasUsed}");
        CallResult? tooLow = await chain.Backend.CallAsync(call with { Gas = estimate.GasUsed * 7 / 10 }, BlockSelector.Latest, null, CancellationToken.None);
        Assert.NotEqual(CallStatus.Success, tooLow!.Status);

        // Logs: the open block's logs are found with toBlock = pending, with block hash zero.
        ulong open = chain.Backend.ResolveBlockNumber(BlockSelector.Pending)!.Value;
        var logs = chain.Backend.GetLogs(new LogQuery(0, open, [contract], [[Contracts.StoredTopic]]))!;
        Assert.Equal(2, logs.Count);
        Assert.Equal(Hash256.Zero, logs[0].BlockHash);
        Assert.Equal(stored.TransactionHash, logs[0].TransactionHash);
        Assert.Equal(new[] { 0UL, 1UL }, logs.Select(l => l.LogIndex));
        Assert.Empty(chain.Backend.GetLogs(new LogQuery(0, open, [Bob], []))!);
        Assert.Empty(chain.Backend.GetLogs(new LogQuery(0, 0, [contract], []))!);
    }

    [Fact]
    public async Task RevertsAndFailuresAreReported()
    {
        await using var chain = Start();
        ReceiptInfo deployed = await chain.ExecuteAsync(Call(0, null, Contracts.Deploy(Contracts.RevertRuntime()), nonce: 0));
        Address reverter = deployed.ContractAddress!.Value;

        CallResult? call = await chain.Backend.CallAsync(new CallRequest { To = reverter }, BlockSelector.Latest, null, CancellationToken.None);
        Assert.Equal(CallStatus.Reverted, call!.Status);
        Assert.Equal(Contracts.Word(42), call.ReturnData.ToArray());
        CallResult? estimate = await chain.Backend.EstimateGasAsync(new CallRequest { To = reverter }, BlockSelector.Latest, null, CancellationToken.None);
        Assert.Equal(CallStatus.Reverted, estimate!.Status);

        // A reverting transaction is included (status 0) and charges gas; the value stays.
        ReceiptInfo receipt = await chain.ExecuteAsync(Call(1, reverter, [], nonce: 0));
        Assert.False(receipt.Receipt.Success);
        Assert.Equal(1UL, chain.Backend.GetNonce(Accounts[1], BlockSelector.Latest));

        CallResult? broke = await chain.Backend.CallAsync(new CallRequest { From = Bob, To = Accounts[0], Value = 5 },
            BlockSelector.Latest, null, CancellationToken.None);
        Assert.Equal(CallStatus.Failed, broke!.Status);
        Assert.StartsWith("insufficient funds", broke.Error);
    }

    [Fact]
    public async Task StateReadsAtUnknownBlocksAreNull()
    {
        await using var chain = Start();
        Assert.Null(chain.Backend.GetBalance(Bob, BlockSelector.ByNumber(5)));
        Assert.Null(chain.Backend.GetBlock(BlockSelector.ByNumber(5)));
        Assert.Null(chain.Backend.GetBlock(BlockSelector.ByHash(Hash256.Parse("0x" + new string('2', 64)))));
        Assert.Equal(InitialBalance, chain.Backend.GetBalance(Accounts[0], BlockSelector.Earliest));
        Assert.NotNull(chain.Backend.GetBlock(BlockSelector.Pending));
    }
}
