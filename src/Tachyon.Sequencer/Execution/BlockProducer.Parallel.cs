using Microsoft.Extensions.Logging;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;
using Tachyon.Execution;
using Tachyon.Rpc.Backend;

namespace Tachyon.Sequencer.Execution;

/// <summary>
/// The parallel path (<see cref="SequencerOptions.ExecutionThreads"/> &gt; 1): a backlog of ready
/// transactions runs as one Block-STM batch and is applied in order, with exactly the outcome the
/// one-by-one path would have had. A transaction joins the batch only when that outcome cannot depend
/// on an earlier batch member beyond what the engine itself orders: a fresh sender (no nonce chain),
/// its nonce next, no held follow-ups, no code at the sender and no EIP-7702 authorizations (so no
/// other transaction can lower its balance or bump its nonce), and the batch's gas limits fit the block
/// (no block seal inside the batch). The first transaction that does not qualify ends the batch.
/// </summary>
internal sealed partial class BlockProducer
{
    private readonly List<Submission> _batch = new();
    private readonly List<ExecutableTransaction> _batchTxs = new();
    private readonly List<ulong> _batchNonces = new();
    private readonly HashSet<Address> _batchSenders = new();
    private long _parallelBatches;

    /// <summary>Batches the engine ran in parallel so far (not its own sequential fallback).</summary>
    public long ParallelBatches => Interlocked.Read(ref _parallelBatches);

    /// <summary>
    /// With a backlog of at least <see cref="SequencerOptions.ParallelBatchMin"/>, runs the inbox's head
    /// (up to the first transaction that does not qualify) as a batch; false when nothing was taken.
    /// The engine itself runs tiny batches sequentially.
    /// </summary>
    private bool TryRunBatch()
    {
        if (_inbox.Count < _options.ParallelBatchMin) return false;
        _batch.Clear();
        _batchTxs.Clear();
        _batchNonces.Clear();
        _batchSenders.Clear();
        OpenBlock open = _open;
        ulong gas = open.Block.GasUsed;
        while (_inbox.TryPeek(out Submission? s))
        {
            Transaction tx = s.Transaction;
            if (tx.Type == TransactionType.SetCode || _batchSenders.Contains(s.Sender)) break;
            if (Check(tx, s.Sender, out ExecutableTransaction exe, out AccountData account) != null) break;
            if (tx.Nonce != account.Nonce || account.CodeHash != Hash256.EmptyKeccak || _pool.HasSender(s.Sender)) break;
            if (gas + tx.GasLimit > _gasLimit) break;
            gas += tx.GasLimit;
            _inbox.TryDequeue(out _); // the single reader: the peeked submission
            _batch.Add(s);
            _batchTxs.Add(exe);
            _batchNonces.Add(account.Nonce);
            _batchSenders.Add(s.Sender);
        }
        if (_batch.Count < 2)
        {
            // Nothing to overlap: the one-by-one path, in the same order (nothing ran yet).
            foreach (Submission s in _batch) Process(s);
            return _batch.Count > 0;
        }
        RunBatch(open);
        return true;
    }

    private void RunBatch(OpenBlock open)
    {
        BlockExecutionResult executed;
        try
        {
            executed = _parallel!.Execute(open.State, open.Environment, _batchTxs);
        }
        catch (Exception e)
        {
            _log.LogError(e, "parallel batch of {Count} failed in the sequencer", _batch.Count);
            foreach (Submission s in _batch) Answer(s, SubmitResult.Reject(TxRejection.Other, "internal error: " + e.Message));
            return;
        }
        if (!executed.RanSequentially) Interlocked.Increment(ref _parallelBatches);
        open.State.Commit(executed.WriteSet);
        _miniWrites.Add(executed.WriteSet);
        var results = new SubmitResult[_batch.Count];
        for (int i = 0; i < _batch.Count; i++)
        {
            Submission s = _batch[i];
            TransactionResult r = executed.Transactions[i];
            if (r.IsValid)
            {
                Record(open, s.Transaction, s.Sender, r);
                results[i] = SubmitResult.Ok(s.Transaction.Hash);
            }
            else results[i] = Rejections.FromInvalidReason(r.InvalidReason!, _batchNonces[i]);
        }
        for (int i = 0; i < _batch.Count; i++) Answer(_batch[i], results[i]);
    }
}
