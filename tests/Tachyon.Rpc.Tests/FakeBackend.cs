using System.Collections.Concurrent;
using Tachyon.Core.Blocks;
using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;

namespace Tachyon.Rpc.Tests;

/// <summary>
/// An in-memory chain: genesis plus block 1 with one transaction that emitted one log. Submitted
/// transactions are "executed" when <see cref="AutoMine"/> is on (receipt after <see cref="MineDelay"/>).
/// </summary>
internal sealed class FakeBackend : IEthBackend
{
    public const ulong Chain = 31337;
    public static readonly byte[] DevKey = Convert.FromHexString("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    public static readonly Address DevAddress = Secp256k1.GetAddress(DevKey);
    public static readonly Address Token = Address.Parse("0x1000000000000000000000000000000000000001");
    public static readonly Address Reverter = Address.Parse("0x2000000000000000000000000000000000000002");
    public static readonly Hash256 TransferTopic = Keccak256.Compute("Transfer(address,address,uint256)"u8.ToArray());

    private readonly ChainEventHub _events = new();
    private readonly List<BlockInfo> _blocks = [];
    private readonly ConcurrentDictionary<Hash256, TransactionInfo> _txs = new();
    private readonly ConcurrentDictionary<Hash256, ReceiptInfo> _receipts = new();
    private readonly ConcurrentDictionary<Hash256, TaskCompletionSource<ReceiptInfo>> _waiters = new();
    private readonly ConcurrentDictionary<Address, ulong> _nonces = new();

    public FakeBackend()
    {
        var genesis = new BlockHeader { Number = 0, GasLimit = 30_000_000, Timestamp = 1, BaseFeePerGas = 1_000_000_000 };
        _blocks.Add(new BlockInfo(genesis, []) { Size = 500 });

        Transaction tx = TransactionSigner.Sign(new Transaction
        {
            Type = TransactionType.DynamicFee,
            ChainId = Chain,
            Nonce = 0,
            GasLimit = 50_000,
            MaxFeePerGas = 3_000_000_000,
            MaxPriorityFeePerGas = 1_000_000_000,
            To = Token,
            Value = 5,
            Data = new byte[] { 0xa9, 0x05, 0x9c, 0xbb },
            AccessList = [new AccessListItem(Token, [Hash256.Zero])],
        }, DevKey);
        var log = new Log(Token, [TransferTopic, Hash256.Zero], new byte[] { 1, 2 });
        var receipt = Receipt.Create((byte)tx.Type, true, 30_000, [log]);
        var header = new BlockHeader
        {
            ParentHash = genesis.Hash, Number = 1, GasLimit = 30_000_000, GasUsed = 30_000, Timestamp = 2,
            BaseFeePerGas = 1_000_000_000, LogsBloom = receipt.Bloom,
        };
        var info = new TransactionInfo(tx, DevAddress)
        {
            BlockHash = header.Hash, BlockNumber = 1, TransactionIndex = 0, BlockBaseFee = header.BaseFeePerGas,
        };
        _blocks.Add(new BlockInfo(header, [info]) { Size = 700, Withdrawals = null });
        _txs[tx.Hash] = info;
        _receipts[tx.Hash] = new ReceiptInfo(receipt, tx.Hash, 0, header.Hash, 1)
        {
            From = DevAddress, To = Token, GasUsed = 30_000, EffectiveGasPrice = 2_000_000_000, FirstLogIndex = 0,
        };
        _nonces[DevAddress] = 1;
    }

    public Transaction MinedTransaction => _blocks[1].Transactions[0].Transaction;
    public BlockHeader Head => _blocks[^1].Header;
    public ChainEventHub Hub => _events;

    public bool AutoMine { get; set; } = true;
    public TimeSpan MineDelay { get; set; } = TimeSpan.FromMilliseconds(20);
    public List<(Transaction Tx, Address Sender)> Submitted { get; } = [];
    public bool ThrowOnBalance { get; set; }

    public ulong ChainId => Chain;
    public ulong HeadNumber => (ulong)_blocks.Count - 1;

    public ulong? ResolveBlockNumber(BlockSelector block) => Find(block)?.Header.Number;

    private BlockInfo? Find(BlockSelector block) => block.Kind switch
    {
        BlockSelectorKind.Number => block.Number < (ulong)_blocks.Count ? _blocks[(int)block.Number] : null,
        BlockSelectorKind.Hash => _blocks.FirstOrDefault(b => b.Header.Hash == block.Hash),
        BlockSelectorKind.Earliest => _blocks[0],
        _ => _blocks[^1],
    };

    public BlockInfo? GetBlock(BlockSelector block) => Find(block);
    public BlockHeader? GetHeader(BlockSelector block) => Find(block)?.Header;
    public TransactionInfo? GetTransaction(Hash256 hash) => _txs.GetValueOrDefault(hash);
    public ReceiptInfo? GetReceipt(Hash256 transactionHash) => _receipts.GetValueOrDefault(transactionHash);

    public IReadOnlyList<ReceiptInfo>? GetBlockReceipts(BlockSelector block) =>
        Find(block) is { } b ? b.Transactions.Select(t => _receipts[t.Transaction.Hash]).ToList() : null;

    public UInt256? GetBalance(Address address, BlockSelector block)
    {
        if (ThrowOnBalance) throw new InvalidOperationException("boom from the backend");
        return Find(block) is null ? null : address == DevAddress ? UInt256.Parse("1000000000000000000000") : UInt256.Zero;
    }

    public ulong? GetNonce(Address address, BlockSelector block) => Find(block) is null ? null : _nonces.GetValueOrDefault(address);
    public ReadOnlyMemory<byte>? GetCode(Address address, BlockSelector block) => Find(block) is null ? null : address == Token ? new byte[] { 0x60, 0x00 } : ReadOnlyMemory<byte>.Empty;
    public Hash256? GetStorageAt(Address address, UInt256 slot, BlockSelector block)
    {
        if (Find(block) is null) return null;
        var h = new Hash256();
        slot.WriteBigEndian(h.AsWritableSpan());
        return h; // storage[slot] = slot
    }

    public AccountProof? GetProof(Address address, IReadOnlyList<UInt256> storageKeys, BlockSelector block) =>
        Find(block) is null ? null : new AccountProof(address, [new byte[] { 0xc0 }], 7, Hash256.EmptyKeccak, 1, Hash256.EmptyTrieRoot,
            storageKeys.Select(k => new StorageProof(k, k, [new byte[] { 0x80 }])).ToList());

    public ValueTask<CallResult?> CallAsync(CallRequest call, BlockSelector block, IReadOnlyDictionary<Address, AccountOverride>? overrides, CancellationToken cancellationToken)
    {
        if (Find(block) is null) return ValueTask.FromResult<CallResult?>(null);
        if (call.To == Reverter) return ValueTask.FromResult<CallResult?>(CallResult.Revert(ErrorString("boom")));
        if (overrides is not null && call.To is { } to && overrides.TryGetValue(to, out var o) && o.Code is { } code)
            return ValueTask.FromResult<CallResult?>(CallResult.Ok(code, 21_000));
        return ValueTask.FromResult<CallResult?>(CallResult.Ok(call.Input ?? ReadOnlyMemory<byte>.Empty, 21_000));
    }

    public ValueTask<CallResult?> EstimateGasAsync(CallRequest call, BlockSelector block, IReadOnlyDictionary<Address, AccountOverride>? overrides, CancellationToken cancellationToken) =>
        CallAsync(call, block, overrides, cancellationToken);

    public UInt256 GasPrice => 2_000_000_000;
    public UInt256 MaxPriorityFeePerGas => 1_000_000_000;

    public FeeHistory? GetFeeHistory(ulong blockCount, BlockSelector newest, IReadOnlyList<double> rewardPercentiles)
    {
        if (Find(newest) is not { } b) return null;
        ulong n = Math.Min(blockCount, b.Header.Number + 1);
        ulong oldest = b.Header.Number + 1 - n;
        return new FeeHistory(oldest, Enumerable.Repeat((UInt256)1_000_000_000, (int)n + 1).ToList(), Enumerable.Repeat(0.5, (int)n).ToList())
        {
            Reward = rewardPercentiles.Count == 0 ? null
                : Enumerable.Range(0, (int)n).Select(_ => (IReadOnlyList<UInt256>)rewardPercentiles.Select(_ => (UInt256)1_000_000_000).ToList()).ToList(),
        };
    }

    public ValueTask<SubmitResult> SubmitTransactionAsync(Transaction transaction, Address sender, CancellationToken cancellationToken)
    {
        lock (Submitted)
        {
            if (_txs.ContainsKey(transaction.Hash)) return ValueTask.FromResult(SubmitResult.Reject(TxRejection.AlreadyKnown));
            ulong next = _nonces.GetValueOrDefault(sender);
            if (transaction.Nonce < next) return ValueTask.FromResult(SubmitResult.Reject(TxRejection.NonceTooLow, expectedNonce: next));
            Submitted.Add((transaction, sender));
            _txs[transaction.Hash] = new TransactionInfo(transaction, sender);
            if (transaction.Nonce > next) return ValueTask.FromResult(SubmitResult.Ok(transaction.Hash, queued: true));
            _nonces[sender] = next + 1;
        }
        _events.Publish(new PendingTransactionEvent(transaction.Hash));
        if (AutoMine) _ = MineLaterAsync(transaction, sender);
        return ValueTask.FromResult(SubmitResult.Ok(transaction.Hash));
    }

    private async Task MineLaterAsync(Transaction tx, Address sender)
    {
        await Task.Delay(MineDelay).ConfigureAwait(false);
        var receipt = new ReceiptInfo(Receipt.Create((byte)tx.Type, true, 21_000, []), tx.Hash, 0, Head.Hash, HeadNumber)
        {
            From = sender, To = tx.To, GasUsed = 21_000, EffectiveGasPrice = 1_000_000_000,
        };
        _receipts[tx.Hash] = receipt;
        if (_waiters.TryRemove(tx.Hash, out var waiter)) waiter.TrySetResult(receipt);
    }

    public async ValueTask<ReceiptInfo?> WaitForReceiptAsync(Hash256 transactionHash, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var tcs = _waiters.GetOrAdd(transactionHash, _ => new TaskCompletionSource<ReceiptInfo>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_receipts.TryGetValue(transactionHash, out var ready)) return ready;
        try
        {
            return await tcs.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public IReadOnlyList<LogInfo>? GetLogs(LogQuery query)
    {
        var result = new List<LogInfo>();
        IEnumerable<BlockInfo> blocks = query.BlockHash is { } h
            ? _blocks.Where(b => b.Header.Hash == h)
            : _blocks.Where(b => b.Header.Number >= query.FromBlock && b.Header.Number <= query.ToBlock);
        if (query.BlockHash is not null && !blocks.Any()) return null;
        foreach (BlockInfo b in blocks)
        {
            if (!query.MayMatch(b.Header.LogsBloom)) continue;
            foreach (TransactionInfo t in b.Transactions)
            {
                ReceiptInfo r = _receipts[t.Transaction.Hash];
                for (int i = 0; i < r.Receipt.Logs.Count; i++)
                    if (query.Matches(r.Receipt.Logs[i]))
                        result.Add(new LogInfo(r.Receipt.Logs[i], b.Header.Hash, b.Header.Number, r.TransactionHash, r.TransactionIndex, r.FirstLogIndex + (ulong)i));
            }
        }
        return result;
    }

    public IReadOnlyList<DevAccount> DevAccounts { get; } = [new DevAccount(DevAddress, DevKey)];

    public IObservable<ChainEvent> Events => _events;

    public static byte[] ErrorString(string reason)
    {
        byte[] text = System.Text.Encoding.UTF8.GetBytes(reason);
        int padded = (text.Length + 31) / 32 * 32;
        var data = new byte[4 + 64 + padded];
        new byte[] { 0x08, 0xc3, 0x79, 0xa0 }.CopyTo(data, 0);
        data[4 + 31] = 0x20;
        data[4 + 63] = (byte)text.Length;
        text.CopyTo(data, 68);
        return data;
    }
}
