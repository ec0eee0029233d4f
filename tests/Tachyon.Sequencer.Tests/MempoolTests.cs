using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;
using static Tachyon.Sequencer.Tests.TestChain;

namespace Tachyon.Sequencer.Tests;

public sealed class MempoolTests
{
    private static readonly Address Bob = Address.Parse("0x00000000000000000000000000000000000000b0");

    [Fact]
    public async Task FutureNoncesWaitForTheGapThenRunInOrder()
    {
        await using var chain = Start();
        SubmitResult r2 = await chain.SubmitAsync(Transfer(0, Bob, 2, nonce: 2));
        SubmitResult r1 = await chain.SubmitAsync(Transfer(0, Bob, 1, nonce: 1));
        Assert.True(r2.Accepted && r2.Queued);
        Assert.True(r1.Accepted && r1.Queued);
        Assert.Null(chain.Backend.GetReceipt(r1.Hash));
        Assert.NotNull(chain.Backend.GetTransaction(r1.Hash)); // pending in the pool
        Assert.Equal(0UL, chain.Backend.GetNonce(Accounts[0], BlockSelector.Pending));

        await chain.ExecuteAsync(Transfer(0, Bob, 4, nonce: 0));
        // Filling the gap ran the held ones at once, in nonce order.
        ReceiptInfo a = chain.Backend.GetReceipt(r1.Hash)!, b = chain.Backend.GetReceipt(r2.Hash)!;
        Assert.Equal(1UL, a.TransactionIndex);
        Assert.Equal(2UL, b.TransactionIndex);
        Assert.Equal(3UL, chain.Backend.GetNonce(Accounts[0], BlockSelector.Latest));
        Assert.Equal((UInt256)7, chain.Backend.GetBalance(Bob, BlockSelector.Pending));
    }

    [Fact]
    public async Task HeldTransactionIsReplacedOnlyByATenPercentBumpOnBothFees()
    {
        await using var chain = Start();
        var original = Transfer(0, Bob, 1, nonce: 1, maxFee: Gwei * 10, tip: Gwei * 2);
        Assert.True((await chain.SubmitAsync(original)).Queued);

        // 10% on the fee cap but not on the tip: refused.
        var weak = Transfer(0, Bob, 2, nonce: 1, maxFee: Gwei * 11, tip: Gwei * 2);
        SubmitResult refused = await chain.SubmitAsync(weak);
        Assert.Equal(TxRejection.ReplacementUnderpriced, refused.Rejection);

        var bumped = Transfer(0, Bob, 3, nonce: 1, maxFee: Gwei * 11, tip: Gwei * 22 / 10);
        SubmitResult replaced = await chain.SubmitAsync(bumped);
        Assert.True(replaced.Accepted && replaced.Queued);
        Assert.Null(chain.Backend.GetTransaction(original.Hash));

        await chain.ExecuteAsync(Transfer(0, Bob, 4, nonce: 0));
        Assert.NotNull(chain.Backend.GetReceipt(bumped.Hash));
        Assert.Equal((UInt256)7, chain.Backend.GetBalance(Bob, BlockSelector.Latest));
    }

    [Fact]
    public async Task PerSenderAndTotalLimits()
    {
        await using var chain = Start(configure: o => o with { MaxPoolPerSender = 2, MaxPoolTotal = 3 });
        Assert.True((await chain.SubmitAsync(Transfer(0, Bob, 1, nonce: 1))).Queued);
        Assert.True((await chain.SubmitAsync(Transfer(0, Bob, 1, nonce: 2))).Queued);
        SubmitResult perSender = await chain.SubmitAsync(Transfer(0, Bob, 1, nonce: 3));
        Assert.Equal(TxRejection.PoolFull, perSender.Rejection);
        Assert.Contains("already has 2 queued", perSender.Detail);

        Assert.True((await chain.SubmitAsync(Transfer(1, Bob, 1, nonce: 1))).Queued);
        SubmitResult total = await chain.SubmitAsync(Transfer(2, Bob, 1, nonce: 1));
        Assert.Equal(TxRejection.PoolFull, total.Rejection);
    }

    [Fact]
    public async Task BadTransactionsAreRejectedAtOnceWithTheirReasons()
    {
        await using var chain = Start();
        await chain.ExecuteAsync(Transfer(0, Bob, 1, nonce: 0));

        SubmitResult low = await chain.SubmitAsync(Transfer(0, Bob, 1, nonce: 0, maxFee: Gwei * 20));
        Assert.Equal(TxRejection.NonceTooLow, low.Rejection);
        Assert.Equal(1UL, low.ExpectedNonce);

        Assert.Equal(TxRejection.AlreadyKnown, (await chain.SubmitAsync(Transfer(0, Bob, 1, nonce: 0))).Rejection);
        Assert.Equal(TxRejection.InsufficientFunds, (await chain.SubmitAsync(Transfer(1, Bob, InitialBalance, nonce: 0))).Rejection);
        Assert.Equal(TxRejection.IntrinsicGasTooLow, (await chain.SubmitAsync(Transfer(1, Bob, 1, nonce: 0, gas: 20_999))).Rejection);
        Assert.Equal(TxRejection.FeeCapBelowBaseFee, (await chain.SubmitAsync(Transfer(1, Bob, 1, nonce: 0, maxFee: Gwei / 2, tip: 0))).Rejection);
        Assert.Equal(TxRejection.TipAboveFeeCap, (await chain.SubmitAsync(Transfer(1, Bob, 1, nonce: 0, maxFee: Gwei * 2, tip: Gwei * 3))).Rejection);
        Assert.Equal(TxRejection.ExceedsBlockGasLimit, (await chain.SubmitAsync(Transfer(1, Bob, 1, nonce: 0, gas: 30_000_001))).Rejection);

        var blob = Sign(1, new Transaction
        {
            Type = TransactionType.Blob, Nonce = 0, GasLimit = 21_000, MaxFeePerGas = Gwei * 10, MaxPriorityFeePerGas = Gwei,
            To = Bob, MaxFeePerBlobGas = 1, BlobVersionedHashes = [Hash256.Zero],
        });
        Assert.Equal(TxRejection.TypeNotSupported, (await chain.SubmitAsync(blob)).Rejection);

        // Nothing of that touched the state.
        Assert.Equal(0UL, chain.Backend.GetNonce(Accounts[1], BlockSelector.Latest));
        Assert.Equal(InitialBalance, chain.Backend.GetBalance(Accounts[1], BlockSelector.Latest));
        Assert.Equal((UInt256)1, chain.Backend.GetBalance(Bob, BlockSelector.Latest));
    }

    [Fact]
    public async Task HeldTransactionThatBecameInvalidIsDroppedAndItsWaiterReleased()
    {
        await using var chain = Start();
        // Nonce 1 would move almost everything; nonce 0 first spends most of it.
        UInt256 fee = Gwei * 10 * 21_000;
        var second = Transfer(0, Bob, InitialBalance - fee - fee, nonce: 1);
        Assert.True((await chain.SubmitAsync(second)).Queued);
        Task<ReceiptInfo?> waiter = chain.Backend.WaitForReceiptAsync(second.Hash, TimeSpan.FromSeconds(30), CancellationToken.None).AsTask();

        await chain.ExecuteAsync(Transfer(0, Bob, Gwei * 1_000_000_000, nonce: 0));
        // Released at once when the held transaction is dropped, not at the 30 s timeout.
        Assert.Null(await waiter.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Null(chain.Backend.GetReceipt(second.Hash));
        Assert.Equal(1UL, chain.Backend.GetNonce(Accounts[0], BlockSelector.Latest));
    }

    [Fact]
    public void ReplacementBumpRoundsUp()
    {
        Assert.True(Pool.TxPool.IsBump(11, 10));
        Assert.False(Pool.TxPool.IsBump(10, 10));
        Assert.False(Pool.TxPool.IsBump(16, 15)); // needs 16.5 -> 17
        Assert.True(Pool.TxPool.IsBump(17, 15));
    }
}
