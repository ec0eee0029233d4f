using System.Collections.Concurrent;
using Tachyon.Core.Blocks;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Evm;
using Tachyon.Evm.Interpreter;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;
using Tachyon.Load.Chain;
using Tachyon.Rpc.Backend;
using CallResult = Tachyon.Rpc.Backend.CallResult;

namespace Tachyon.Load.Tests;

/// <summary>
/// A stand-in node for the end-to-end tests until the real one can start in-process here: our EVM
/// over an in-memory state behind the real JSON-RPC server, mining each accepted transaction into
/// its own block at once (like Hardhat's automine). Only what the load tools call is implemented.
/// </summary>
internal sealed class MiniChain : IEthBackend
{
    public const ulong Chain = 31337;
    private static readonly UInt256 BaseFee = 1_000_000_000;

    private readonly object _lock = new();
    private readonly InMemoryWorldState _world = new();
    private readonly TransactionProcessor _processor = new(ForkSpec.Prague);
    private readonly List<BlockInfo> _blocks = [];
    private readonly List<IReadOnlyList<ReceiptInfo>> _blockReceipts = [];
    private readonly ConcurrentDictionary<Hash256, ReceiptInfo> _receipts = new();
    private readonly ConcurrentDictionary<Hash256, TransactionInfo> _txs = new();
    private readonly ChainEventHub _events = new();

    public MiniChain()
    {
        _world.SetAccount(new LoadAccount(LoadAccount.DevKey0).Address, 0, UInt256.Parse("10000000000000000000000"), []);
        _blocks.Add(new BlockInfo(new BlockHeader { Number = 0, GasLimit = 1_000_000_000, Timestamp = 1, BaseFeePerGas = BaseFee }, []));
        _blockReceipts.Add([]);
    }

    private int _acceptLeft = int.MaxValue;
    private int _blockReceiptsReads;

    /// <summary>
    /// Above 1, a transaction joins the newest block (same number and hash, longer lists) while that
    /// holds fewer than this many and is not genesis: a node whose "latest" block still grows, as the
    /// inclusion tracker must allow for. Otherwise each transaction gets its own block.
    /// </summary>
    public int TransactionsPerBlock { get; set; } = 1;

    /// <summary>How many eth_getBlockReceipts calls were answered.</summary>
    public int BlockReceiptsReads => Volatile.Read(ref _blockReceiptsReads);
    private string? _rejection;

    /// <summary>After <paramref name="accepted"/> more submissions, refuses every one with <paramref name="message"/>.</summary>
    public void RejectAfter(int accepted, string message)
    {
        _rejection = message;
        _acceptLeft = accepted;
    }

    public ulong ChainId => Chain;
    public ulong HeadNumber { get { lock (_lock) return (ulong)_blocks.Count - 1; } }
    public UInt256 GasPrice => BaseFee * 2;
    public UInt256 MaxPriorityFeePerGas => 1;
    public IReadOnlyList<DevAccount> DevAccounts => [];
    public IObservable<ChainEvent> Events => _events;

    private int? IndexOf(BlockSelector s)
    {
        lock (_lock)
            return s.Kind switch
            {
                BlockSelectorKind.Number => s.Number < (ulong)_blocks.Count ? (int)s.Number : null,
                BlockSelectorKind.Earliest => 0,
                BlockSelectorKind.Hash => _blocks.FindIndex(b => b.Header.Hash == s.Hash) is int i and >= 0 ? i : null,
                _ => _blocks.Count - 1,
            };
    }

    public ulong? ResolveBlockNumber(BlockSelector block) => (ulong?)IndexOf(block);
    public BlockInfo? GetBlock(BlockSelector block) { lock (_lock) return IndexOf(block) is int i ? _blocks[i] : null; }
    public BlockHeader? GetHeader(BlockSelector block) => GetBlock(block)?.Header;
    public TransactionInfo? GetTransaction(Hash256 hash) => _txs.GetValueOrDefault(hash);
    public ReceiptInfo? GetReceipt(Hash256 transactionHash) => _receipts.GetValueOrDefault(transactionHash);
    public IReadOnlyList<ReceiptInfo>? GetBlockReceipts(BlockSelector block)
    {
        Interlocked.Increment(ref _blockReceiptsReads);
        lock (_lock) return IndexOf(block) is int i ? _blockReceipts[i] : null;
    }

    public UInt256? GetBalance(Address address, BlockSelector block) { lock (_lock) return _world.TryGetAccount(address, out AccountData a) ? a.Balance : UInt256.Zero; }
    public ulong? GetNonce(Address address, BlockSelector block) { lock (_lock) return _world.TryGetAccount(address, out AccountData a) ? a.Nonce : 0; }

    public ReadOnlyMemory<byte>? GetCode(Address address, BlockSelector block)
    {
        lock (_lock) return _world.TryGetAccount(address, out AccountData a) ? _world.GetCode(address, a.CodeHash) : ReadOnlyMemory<byte>.Empty;
    }

    public Hash256? GetStorageAt(Address address, UInt256 slot, BlockSelector block)
    {
        var h = new Hash256();
        lock (_lock) _world.GetStorage(address, slot).WriteBigEndian(h.AsWritableSpan());
        return h;
    }

    public ValueTask<SubmitResult> SubmitTransactionAsync(Transaction tx, Address sender, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_acceptLeft-- <= 0) return ValueTask.FromResult(SubmitResult.Reject(TxRejection.Other, _rejection));
            bool join = _blocks.Count > 1 && _blocks[^1].Transactions.Count < TransactionsPerBlock;
            ulong number = (ulong)_blocks.Count - (join ? 1UL : 0UL);
            BlockHeader parent = _blocks[(int)number - 1].Header;
            ulong index = join ? (ulong)_blocks[^1].Transactions.Count : 0;
            var env = new BlockEnvironment { Number = number, Timestamp = number + 1, GasLimit = 1_000_000_000, BaseFee = BaseFee, ChainId = Chain };
            ulong expected = _world.TryGetAccount(sender, out AccountData acct) ? acct.Nonce : 0;
            if (tx.Nonce != expected)
                return ValueTask.FromResult(SubmitResult.Reject(tx.Nonce < expected ? TxRejection.NonceTooLow : TxRejection.NonceTooHigh, expectedNonce: expected));
            TransactionResult r = _processor.Execute(_world, env, tx.ToExecutable(sender));
            if (!r.IsValid)
            {
                TxRejection why = r.InvalidReason!.Contains("INSUFFICIENT") ? TxRejection.InsufficientFunds : TxRejection.Other;
                return ValueTask.FromResult(SubmitResult.Reject(why, r.InvalidReason));
            }
            Receipt receipt = r.ToReceipt(0);
            // A joined block keeps its first header (and hash): only its lists grow.
            BlockHeader header = join ? _blocks[^1].Header : new BlockHeader
            {
                ParentHash = parent.Hash, Number = number, GasLimit = 1_000_000_000, GasUsed = (ulong)r.GasUsed,
                Timestamp = number + 1, BaseFeePerGas = BaseFee, LogsBloom = receipt.Bloom,
            };
            var info = new TransactionInfo(tx, sender) { BlockHash = header.Hash, BlockNumber = number, TransactionIndex = index, BlockBaseFee = BaseFee };
            var ri = new ReceiptInfo(receipt, tx.Hash, index, header.Hash, number)
            {
                From = sender, To = tx.To, ContractAddress = r.ContractAddress, GasUsed = (ulong)r.GasUsed, EffectiveGasPrice = BaseFee + 1,
            };
            if (join)
            {
                _blocks[^1] = new BlockInfo(header, [.. _blocks[^1].Transactions, info]);
                _blockReceipts[^1] = [.. _blockReceipts[^1], ri];
            }
            else
            {
                _blocks.Add(new BlockInfo(header, [info]));
                _blockReceipts.Add([ri]);
            }
            _txs[tx.Hash] = info;
            _receipts[tx.Hash] = ri;
        }
        return ValueTask.FromResult(SubmitResult.Ok(tx.Hash));
    }

    public ValueTask<ReceiptInfo?> WaitForReceiptAsync(Hash256 transactionHash, TimeSpan timeout, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_receipts.GetValueOrDefault(transactionHash)); // mined on submission

    public ValueTask<CallResult?> CallAsync(CallRequest call, BlockSelector block, IReadOnlyDictionary<Address, AccountOverride>? overrides, CancellationToken cancellationToken)
    {
        var tx = new ExecutableTransaction
        {
            Type = 2, Sender = call.From ?? default, Nonce = 0, To = call.To, Data = (call.Input ?? ReadOnlyMemory<byte>.Empty).ToArray(),
            GasLimit = (long)(call.Gas ?? 30_000_000), MaxFeePerGas = 0, MaxPriorityFeePerGas = 0,
        };
        TransactionResult r;
        lock (_lock)
            r = _processor.Execute(new ExecutionState(_world), new BlockEnvironment { Number = HeadNumber, GasLimit = 1_000_000_000, ChainId = Chain }, tx);
        return ValueTask.FromResult<CallResult?>(r.Success ? CallResult.Ok(r.Output, (ulong)r.GasUsed) : CallResult.Fail(r.InvalidReason ?? r.Status.ToString()));
    }

    public ValueTask<CallResult?> EstimateGasAsync(CallRequest call, BlockSelector block, IReadOnlyDictionary<Address, AccountOverride>? overrides, CancellationToken cancellationToken) =>
        CallAsync(call, block, overrides, cancellationToken);

    public AccountProof? GetProof(Address address, IReadOnlyList<UInt256> storageKeys, BlockSelector block) => null;
    public FeeHistory? GetFeeHistory(ulong blockCount, BlockSelector newest, IReadOnlyList<double> rewardPercentiles) => null;
    public IReadOnlyList<LogInfo>? GetLogs(LogQuery query) => [];
}
