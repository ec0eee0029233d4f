using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Tachyon.Core.Blocks;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Evm;
using Tachyon.Evm.Interpreter;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;
using Tachyon.Execution;
using Tachyon.Rpc.Backend;
using Tachyon.Sequencer.Chain;
using Tachyon.Sequencer.Pool;
using Tachyon.State;
using Tachyon.State.Layers;

namespace Tachyon.Sequencer.Execution;

/// <summary>
/// The single writer: whoever holds the gate admits submitted transactions in arrival order,
/// executes each one whose nonce is next at once against the pending state (then any held follow-up
/// nonces); the dedicated executor thread also publishes mini-blocks and seals EVM blocks on its
/// timers. A submission is run by its own thread when the gate is free (see <see cref="TryCombine"/>),
/// else it wakes the executor thread directly (no polling); its result — and the receipt — exist as
/// soon as it has executed.
/// </summary>
internal sealed partial class BlockProducer
{
    private readonly SequencerOptions _options;
    private readonly LayeredState _state;
    private readonly ChainIndex _index;
    private readonly ChainEventHub _events;
    private readonly TxPool _pool;
    private readonly ILogger _log;
    private readonly ulong _chainId;
    private readonly ulong _gasLimit;
    private readonly TransactionProcessor _processor = new(ForkSpec.TachyonL2) { AllowBlobTransactions = false };
    private readonly ConcurrentQueue<Submission> _inbox = new();
    private readonly WakeSignal _signal = new();
    // Held by whoever runs the executor's work: the executor thread, or a submitting thread combining.
    private readonly Lock _gate = new();
    // Set while the executor thread waits for the gate: submitters stop taking it, or a steady stream
    // of combining submitters would keep the timers out (the lock lets waiters in only after ~100 ms).
    private volatile bool _executorWaiting;
    // Drains one submitter may run in a row before it hands the inbox to the executor thread, so a
    // busy inbox never holds one RPC thread (and its connection) for long.
    private const int MaxCombineRounds = 4;
    // When the executor's next timer (mini-block or block) is due: a drain stops there, so a backlog
    // that keeps growing cannot push the mini-block and block seals back.
    private long _timerDue = long.MaxValue;
    private readonly ConcurrentDictionary<Hash256, TaskCompletionSource<ReceiptInfo?>> _waiters = new();
    private readonly Channel<(BlockData Block, DiffLayer Layer)> _sealing =
        Channel.CreateUnbounded<(BlockData, DiffLayer)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Thread _thread;
    private Task _sealer = Task.CompletedTask;
    private volatile bool _running, _stopping, _exited;
    private volatile OpenBlock _open = null!;
    private ExecutionState _execution = null!;
    // The parent of the next block: the last committed block's record (the root stage reads its hash
    // when it builds the next header, always after building this one), or the head's hash at start.
    // A record, not a closure: closures of successive blocks captured each other and kept every block
    // since the start alive.
    private BlockRecord? _parentRecord;
    private readonly Hash256 _startParentHash;
    // Long-lived so its worker threads are reused; null when ExecutionThreads is 1.
    private readonly StreamingExecutor? _stream;

    public BlockProducer(SequencerOptions options, LayeredState state, ChainIndex index, ChainEventHub events, ILogger log, ulong gasLimit)
    {
        _options = options;
        _state = state;
        _index = index;
        _events = events;
        _log = log;
        _chainId = options.Genesis.Config.ChainId;
        _gasLimit = gasLimit;
        _pool = new TxPool(options.MaxPoolPerSender, options.MaxPoolTotal);
        if (options.ExecutionThreads > 1)
            _stream = new StreamingExecutor(ForkSpec.TachyonL2, options.ExecutionThreads, options.StreamCapacity) { Progress = () => _signal.Set() };
        BlockData head = index.Head;
        _startParentHash = head.Hash;
        Open(head);
        _thread = new Thread(Run) { IsBackground = true, Name = "sequencer", Priority = ThreadPriority.AboveNormal };
    }

    public OpenBlock Current => _open;
    public TxPool Pool => _pool;
    public bool Stopping => _stopping;
    public ulong GasLimit => _gasLimit;

    public void Start()
    {
        _sealer = Task.Run(SealLoopAsync);
        _thread.Start();
        _running = true;
    }

    /// <summary>Queues a transaction for the executor; completes once admitted (executed when its nonce is next).</summary>
    public Task<SubmitResult> Submit(Transaction tx, Address sender)
    {
        if (_stopping) return Task.FromResult(SubmitResult.Reject(TxRejection.Other, "node is shutting down"));
        if (!_running) return Task.FromResult(SubmitResult.Reject(TxRejection.Other, "node is not started"));
        var s = new Submission(tx, sender);
        _inbox.Enqueue(s);
        if (!TryCombine()) _signal.Set();
        if (_exited) RejectQueued(); // raced with shutdown
        return s.Completion.Task;
    }

    /// <summary>
    /// Flat combining: the submitting thread drains the inbox itself (in arrival order, under the gate
    /// the executor thread also holds for its timers), so a submission costs no wake-up of the
    /// executor thread and no hop back to answer. When the gate is held, the holder runs this
    /// submission: every holder looks at the inbox again after it lets go. False when the executor
    /// thread must run what is queued: the node is stopping, the parallel stream is configured (its
    /// waits belong on the executor thread), or the drain failed.
    /// </summary>
    private bool TryCombine() => _stream == null && RunWhileFree();

    /// <summary>Drains the inbox while the gate is free, looking again after each drain; false when the executor thread must take over.</summary>
    private bool RunWhileFree()
    {
        for (int round = 0; ; round++)
        {
            if (_executorWaiting) return true; // it drains the inbox as soon as it holds the gate
            if (round == MaxCombineRounds)
            {
                _signal.Set();
                return true;
            }
            if (!_gate.TryEnter()) return true; // the holder looks at the inbox again after it lets go
            try
            {
                if (_stopping || _exited) return false;
                DrainInbox();
            }
            catch (Exception e)
            {
                _log.LogError(e, "draining the inbox outside the executor loop failed; the executor thread takes over");
                return false;
            }
            finally
            {
                _gate.Exit();
            }
            if (!QueuedAfterExit()) return true;
        }
    }

    /// <summary>After letting go of the gate: whether a submission arrived that found the gate held (and so relies on this look).</summary>
    private bool QueuedAfterExit()
    {
        Interlocked.MemoryBarrier(); // the release must be visible before the look, or both sides could miss
        return !_inbox.IsEmpty;
    }

    /// <summary>Completes with the receipt when the transaction executes, or null when it is dropped or the timeout passes.</summary>
    public async ValueTask<ReceiptInfo?> WaitForReceiptAsync(Hash256 hash, TimeSpan timeout, CancellationToken ct)
    {
        if (FindReceipt(hash) is { } ready) return ready;
        var tcs = _waiters.GetOrAdd(hash, _ => new TaskCompletionSource<ReceiptInfo?>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (FindReceipt(hash) is { } raced)
        {
            _waiters.TryRemove(new KeyValuePair<Hash256, TaskCompletionSource<ReceiptInfo?>>(hash, tcs));
            return raced;
        }
        try
        {
            return await tcs.Task.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _waiters.TryRemove(new KeyValuePair<Hash256, TaskCompletionSource<ReceiptInfo?>>(hash, tcs));
            return null;
        }
    }

    private ReceiptInfo? FindReceipt(in Hash256 hash) => _index.FindTransaction(hash) is { } hit ? hit.Block.ReceiptInfo(hit.Tx) : null;

    /// <summary>Stops intake, seals the open block (when it has transactions) and waits until every sealed block is published.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        _stopping = true;
        _signal.Set();
        if (_thread.IsAlive) await Task.Run(() => _thread.Join(), ct).ConfigureAwait(false);
        await _sealer.WaitAsync(ct).ConfigureAwait(false);
    }

    private void Run()
    {
        long miniTicks = Ticks(_options.MiniBlockInterval), blockTicks = Ticks(_options.BlockInterval);
        long now = Stopwatch.GetTimestamp();
        long nextMini = now + miniTicks, nextBlock = now + blockTicks;
        Volatile.Write(ref _timerDue, Math.Min(nextMini, nextBlock));
        try
        {
            while (true)
            {
                _executorWaiting = true;
                lock (_gate)
                {
                    _executorWaiting = false;
                    DrainInbox();
                    now = Stopwatch.GetTimestamp();
                    if (now >= nextMini) { SealMiniBlock(); nextMini = now + miniTicks; }
                    if (now >= nextBlock) { SealBlock(); nextBlock = now + blockTicks; }
                    Volatile.Write(ref _timerDue, Math.Min(nextMini, nextBlock));
                }
                // Queued while the gate was held: as any holder, look again. Once a submitting thread
                // holds the gate the work is its, so this thread does not queue up behind it.
                if (QueuedAfterExit())
                {
                    if (_stream != null || _stopping) continue;
                    RunWhileFree();
                }
                if (_stopping && _inbox.IsEmpty) break;
                long wait = Math.Min(nextMini, nextBlock) - Stopwatch.GetTimestamp();
                if (wait > 0) _signal.Wait(WholeMilliseconds(wait));
            }
            lock (_gate)
            {
                CloseStream();
                SealMiniBlock();
                if (_open.Block.Count > 0) SealBlock();
            }
        }
        catch (Exception e)
        {
            _log.LogCritical(e, "sequencer loop failed; no more blocks will be produced");
        }
        finally
        {
            try { CloseStream(); } catch (Exception e) { _log.LogError(e, "closing the parallel stream failed"); }
            if (_stream != null)
            {
                _log.LogInformation("parallel execution ({Threads} threads): {Streamed} transactions in {Streams} streams",
                    _stream.Threads, _streamedTxs, _streams);
                _stream.Dispose();
            }
            _exited = true;
            _sealing.Writer.TryComplete();
            RejectQueued();
        }
    }

    private static long Ticks(TimeSpan t) => Math.Max(1, (long)(t.TotalSeconds * Stopwatch.Frequency));

    /// <summary>
    /// Stopwatch ticks rounded up to whole milliseconds, the waits' unit: rounded down, the last
    /// millisecond before each tick became Wait(0) in a loop, a busy spin every mini-block.
    /// </summary>
    internal static int WholeMilliseconds(long ticks) =>
        (int)Math.Min(int.MaxValue, (ticks * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency);

    private void RejectQueued()
    {
        while (_inbox.TryDequeue(out Submission? s))
            s.Completion.TrySetResult(SubmitResult.Reject(TxRejection.Other, "node is shutting down"));
    }

    private void DrainInbox()
    {
        long due = Volatile.Read(ref _timerDue);
        for (int n = 1; ; n++)
        {
            if (StreamOpen) CommitStreamed();
            if (!_inbox.TryPeek(out Submission? s)) break;
            if ((n & 15) == 0 && Stopwatch.GetTimestamp() >= due) break; // seal first; the rest follows
            if (TryStream(s)) continue;
            if (StreamOpen)
            {
                CloseStream(); // what runs one by one comes after everything streamed before it
                continue;
            }
            _inbox.TryDequeue(out _);
            Process(s);
        }
    }

    /// <summary>Admits one submission and answers it.</summary>
    private void Process(Submission s)
    {
        SubmitResult result;
        try
        {
            result = Admit(s.Transaction, s.Sender);
        }
        catch (Exception e)
        {
            _log.LogError(e, "transaction {Hash} failed in the sequencer", s.Transaction.Hash);
            result = SubmitResult.Reject(TxRejection.Other, "internal error: " + e.Message);
        }
        Answer(s, result);
    }

    private void Answer(Submission s, SubmitResult result)
    {
        // eth_subscribe("newPendingTransactions"): every accepted transaction, executed at once or held.
        if (result.Accepted && _events.ObserverCount > 0) _events.Publish(new PendingTransactionEvent(s.Transaction.Hash));
        s.Completion.TrySetResult(result);
    }

    /// <summary>Checks a transaction against the pool rules and the pending state; runs it when its nonce is next.</summary>
    private SubmitResult Admit(Transaction tx, Address sender)
    {
        if (Check(tx, sender, out ExecutableTransaction exe, out AccountData account) is { } rejection) return rejection;
        if (tx.Nonce > account.Nonce) return _pool.Add(tx, sender);

        string? invalid = Execute(tx, sender, exe);
        if (invalid != null) return Rejections.FromInvalidReason(invalid, account.Nonce);
        RunFollowUps(sender);
        return SubmitResult.Ok(tx.Hash);
    }

    /// <summary>The pool rules and the pending-state checks: the rejection, or null when the transaction may run (or be held).</summary>
    private SubmitResult? Check(Transaction tx, Address sender, out ExecutableTransaction exe, out AccountData account)
    {
        exe = null!;
        account = default;
        Hash256 hash = tx.Hash;
        OpenBlock open = _open;
        open.State.TryGetAccount(sender, out account);
        // An included transaction's nonce is spent, so the chain is searched only for a stale nonce
        // (the search probes every block in memory: off the common path).
        if (_pool.Contains(hash) || (tx.Nonce < account.Nonce && _index.ContainsTransaction(hash)))
            return SubmitResult.Reject(TxRejection.AlreadyKnown);
        if (tx.Type == TransactionType.Blob) return SubmitResult.Reject(TxRejection.TypeNotSupported);
        if (tx.GasLimit > _gasLimit)
            return SubmitResult.Reject(TxRejection.ExceedsBlockGasLimit, $"gas {tx.GasLimit}, block gas limit {_gasLimit}");
        if (tx.PriorityFeeCap > tx.MaxFeeCap)
            return SubmitResult.Reject(TxRejection.TipAboveFeeCap, $"address {sender}, maxPriorityFeePerGas: {tx.PriorityFeeCap}, maxFeePerGas: {tx.MaxFeeCap}");
        if (tx.MaxFeeCap < open.Block.BaseFee)
            return SubmitResult.Reject(TxRejection.FeeCapBelowBaseFee, $"address {sender}, maxFeePerGas: {tx.MaxFeeCap}, baseFee: {open.Block.BaseFee}");
        exe = tx.ToExecutable(sender);
        var (intrinsic, floor) = TransactionProcessor.IntrinsicGas(exe, _processor.Spec);
        long needed = Math.Max(intrinsic, floor);
        if (exe.GasLimit < needed) return SubmitResult.Reject(TxRejection.IntrinsicGasTooLow, $"gas {tx.GasLimit}, minimum needed {needed}");

        if (tx.Nonce < account.Nonce) return SubmitResult.Reject(TxRejection.NonceTooLow, expectedNonce: account.Nonce);
        bool overflow = UInt256.MultiplyOverflow(tx.GasLimit, tx.MaxFeeCap, out UInt256 maxFee)
            | UInt256.AddOverflow(in maxFee, tx.Value, out UInt256 cost);
        if (overflow || account.Balance < cost)
            return SubmitResult.Reject(TxRejection.InsufficientFunds,
                $"address {sender} have {account.Balance} want {(overflow ? "more than 2^256" : cost.ToString())}");
        return null;
    }

    /// <summary>Runs the sender's held transactions while their nonces are next.</summary>
    private void RunFollowUps(in Address sender)
    {
        while (_pool.Take(sender, _open.State.GetNonce(sender)) is { } next)
        {
            Transaction tx = next.Transaction;
            string? invalid = Execute(tx, sender, tx.ToExecutable(sender));
            if (invalid == null) continue;
            // Dropped (e.g. the balance went meanwhile): a waiting sync send learns at once.
            _log.LogInformation("dropped queued transaction {Hash}: {Reason}", tx.Hash, invalid);
            if (_waiters.TryRemove(tx.Hash, out var waiter)) waiter.TrySetResult(null);
            break;
        }
    }

    /// <summary>Executes one transaction in the open block; null on success, else the invalid reason (nothing changed).</summary>
    private string? Execute(Transaction tx, Address sender, ExecutableTransaction exe)
    {
        OpenBlock open = _open;
        if (open.Block.Count > 0 && open.Block.GasUsed + tx.GasLimit > _gasLimit)
        {
            SealBlock(); // full: the transaction opens the next block
            open = _open;
        }
        _execution.Clear();
        TransactionResult result = _processor.Execute(_execution, open.Environment, exe, (long)open.Block.GasUsed);
        if (!result.IsValid) return result.InvalidReason;
        StateWriteSet writes = result.WriteSet!;
        open.State.Commit(writes);
        _miniWrites.Add(writes);
        Record(open, tx, sender, result);
        return null;
    }

    /// <summary>Appends an executed (state already committed) transaction to the open block and releases its waiter.</summary>
    private void Record(OpenBlock open, Transaction tx, Address sender, TransactionResult result)
    {
        BlockData block = open.Block;
        Receipt receipt = result.ToReceipt(block.GasUsed);
        var executed = new ExecutedTransaction(tx, sender, block.Count, receipt, (ulong)result.GasUsed,
            ExecutedTransaction.EffectivePrice(tx, block.BaseFee), result.ContractAddress, block.LogCount);
        block.Append(executed); // the chain index finds it through the block's own hash table
        _miniTxs.Add(executed);
        if (!_waiters.IsEmpty && _waiters.TryRemove(tx.Hash, out var waiter)) waiter.TrySetResult(block.ReceiptInfo(executed));
    }

    /// <summary>Opens the block after <paramref name="parent"/> over the state it left.</summary>
    private void Open(BlockData parent)
    {
        ulong number = parent.Number + 1;
        ulong timestamp = Math.Max((ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds(), parent.Timestamp + 1);
        UInt256 baseFee = BaseFee.Next(parent.BaseFee, parent.GasUsed, parent.GasLimit, _options.MinBaseFee);
        var block = new BlockData(number, timestamp, baseFee, _gasLimit, _options.Coinbase);
        var state = new PendingState(_state.OpenView(parent.Number));
        var env = new BlockEnvironment
        {
            Coinbase = _options.Coinbase,
            Number = number,
            Timestamp = timestamp,
            GasLimit = (long)_gasLimit,
            BaseFee = baseFee,
            ChainId = _chainId,
            BlockHashProvider = BlockHash,
        };
        _execution = new ExecutionState(state);
        _index.AddOpen(block);
        _miniIndex = 0;
        _open = new OpenBlock(block, state, env);
    }

    /// <summary>BLOCKHASH: a block still being sealed waits for its root (rare: only the previous few blocks).</summary>
    private Hash256 BlockHash(ulong number)
    {
        if (_index.GetHeader(number) is { } header) return header.Hash;
        if (_state.GetLayer(number) is { } layer)
        {
            layer.RootTask.GetAwaiter().GetResult();
            return layer.Block.Hash;
        }
        return Hash256.Zero;
    }
}
