using Microsoft.Extensions.Logging;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;
using Tachyon.Execution;
using Tachyon.Rpc.Backend;

namespace Tachyon.Sequencer.Execution;

/// <summary>
/// The parallel path (<see cref="SequencerOptions.ExecutionThreads"/> &gt; 1): under a backlog the
/// executor opens a Block-STM stream for the current mini-block and appends each arriving transaction
/// to it at once, while worker threads execute ahead. Transactions commit strictly in arrival order as
/// soon as each is validated with everything before it committed; the receipt and the submit answer
/// are released right then, and the committed writes become the pending state readers see.
/// A transaction joins only when its outcome cannot depend on the stream beyond what the engine orders:
/// a sender with nothing uncommitted in the stream (a follow-up nonce waits for its predecessor's
/// commit, then joins), its nonce next, no held follow-ups, no code at the sender and
/// no EIP-7702 authorizations (so nothing else in the stream can lower its balance or change its
/// nonce), and the gas limits of the whole stream fit the block. Anything else closes the stream
/// (everything in it commits first) and runs one by one, so the order and the outcome are exactly
/// those of the one-by-one path. A stream outlives mini-blocks (each mini-block publishes what has
/// committed by then) and closes before a block seals.
/// </summary>
internal sealed partial class BlockProducer
{
    private readonly List<Submission> _streamSubs = new();
    private readonly List<ulong> _streamNonces = new();
    // Sender → stream index of its last transaction in the stream.
    private readonly Dictionary<Address, int> _streamSenders = new();
    private ulong _streamGasBase, _streamGasLimits;
    // Too many aborts in the stream: it closes, and the rest of this mini-block runs one by one.
    private bool _contended;
    // Appends in a row that had to wait for the same sender's previous transaction to commit.
    private int _chainedWaits;
    private long _streams, _streamedTxs;

    /// <summary>Streams opened so far (diagnostics and tests).</summary>
    public long ParallelStreams => Interlocked.Read(ref _streams);
    /// <summary>Transactions committed through a stream so far.</summary>
    public long StreamedTransactions => Interlocked.Read(ref _streamedTxs);

    private bool StreamOpen => _stream is { IsOpen: true };

    /// <summary>Appends the inbox's head to the stream (opening one under a backlog); false when it must run one by one.</summary>
    private bool TryStream(Submission s)
    {
        StreamingExecutor? stream = _stream;
        if (stream == null || _contended) return false;
        bool open = stream.IsOpen;
        if (open ? stream.IsFull : _inbox.Count < _options.StreamMinBacklog) return false;
        Transaction tx = s.Transaction;
        if (tx.Type == TransactionType.SetCode) return false;
        // A sender's next transaction may follow once its previous one has committed: then the pending
        // state already has its nonce and balance, and the rest of the stream can only credit it.
        // Arrival order must hold anyway, so wait for that commit rather than closing the stream.
        if (open && _streamSenders.TryGetValue(s.Sender, out int last) && last >= stream.Committed)
        {
            // Nonce chains back to back leave nothing to overlap: after a run of them, one by one is cheaper.
            if (++_chainedWaits > _options.StreamMaxChainedWaits)
            {
                _contended = true;
                return false;
            }
            if (!AwaitCommit(stream, last)) return false;
        }
        else _chainedWaits = 0;
        if (Check(tx, s.Sender, out ExecutableTransaction exe, out AccountData account) != null) return false;
        if (tx.Nonce != account.Nonce || account.CodeHash != Hash256.EmptyKeccak || _pool.HasSender(s.Sender)) return false;
        OpenBlock block = _open;
        ulong gasBase = open ? _streamGasBase : block.Block.GasUsed;
        if (gasBase + _streamGasLimits + tx.GasLimit > _gasLimit) return false;
        if (!open)
        {
            block.State.BeginStream();
            stream.Open(block.State.StreamBase, block.Environment);
            _streamGasBase = gasBase;
            _streams++;
        }
        _inbox.TryDequeue(out _); // the single reader: the peeked submission
        _streamGasLimits += tx.GasLimit;
        _streamSubs.Add(s);
        _streamNonces.Add(account.Nonce);
        _streamSenders[s.Sender] = _streamSubs.Count - 1;
        stream.Append(exe);
        return true;
    }

    /// <summary>Commits until stream index <paramref name="index"/> has committed; false when the stream failed.</summary>
    private bool AwaitCommit(StreamingExecutor stream, int index)
    {
        long started = Environment.TickCount64, reported = started;
        while (stream.Committed <= index)
        {
            CommitStreamed();
            if (stream.Committed > index) break;
            if (stream.Faulted) return false;
            stream.WaitForProgress(_signal);
            ReportStall(stream, started, ref reported);
        }
        return true;
    }

    /// <summary>Commits, in order, every stream transaction whose result is final, and answers it.</summary>
    private void CommitStreamed()
    {
        StreamingExecutor stream = _stream!;
        OpenBlock open = _open;
        while (stream.TryCommitNext(out TransactionResult result, out StateWriteSet writes))
        {
            int i = stream.Committed - 1;
            Submission s = _streamSubs[i];
            _streamedTxs++;
            if (!result.IsValid)
            {
                Answer(s, Rejections.FromInvalidReason(result.InvalidReason!, _streamNonces[i]));
                continue;
            }
            open.State.CommitStreamed(writes);
            _miniWrites.Add(writes);
            Record(open, s.Transaction, s.Sender, result);
            Answer(s, SubmitResult.Ok(s.Transaction.Hash));
        }
        if (stream.Aborts >= _options.StreamAbortMin && stream.Aborts > stream.Executions / 2) _contended = true;
    }

    /// <summary>A wait for a commit that lasts seconds is a bug: say where the stream stands, every 5 s.</summary>
    private void ReportStall(StreamingExecutor stream, long started, ref long reported)
    {
        long now = Environment.TickCount64;
        if (now - reported < 5_000) return;
        reported = now;
        _log.LogWarning("parallel stream waiting for a commit for {Seconds} s: {State}", (now - started) / 1000, stream.Describe());
    }

    /// <summary>Commits everything in the open stream, stops its workers and folds its state into the block's.</summary>
    private void CloseStream()
    {
        if (!StreamOpen) return;
        StreamingExecutor stream = _stream!;
        long started = Environment.TickCount64, reported = started;
        while (stream.Committed < stream.Count && !stream.Faulted)
        {
            CommitStreamed();
            if (stream.Committed < stream.Count) stream.WaitForProgress(_signal);
            ReportStall(stream, started, ref reported);
        }
        try
        {
            stream.Close();
        }
        catch (Exception e)
        {
            _log.LogError(e, "parallel stream failed in the sequencer; {Count} transactions dropped", stream.Count - stream.Committed);
        }
        for (int i = stream.Committed; i < _streamSubs.Count; i++)
            Answer(_streamSubs[i], SubmitResult.Reject(TxRejection.Other, "internal error: parallel execution failed"));
        _open.State.EndStream();
        _streamSubs.Clear();
        _streamNonces.Clear();
        _streamSenders.Clear();
        _streamGasLimits = 0;
    }
}
