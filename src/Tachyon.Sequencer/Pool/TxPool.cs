using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;

namespace Tachyon.Sequencer.Pool;

/// <summary>A held transaction: its nonce is ahead of the sender's next nonce.</summary>
internal sealed record PooledTransaction(Transaction Transaction, Address Sender);

/// <summary>
/// Transactions waiting for a nonce gap to fill, per sender in nonce order. The next-nonce
/// transaction never waits here: the executor runs it on arrival. A held transaction is replaced
/// by one with the same nonce that bumps both fee fields by at least 10%.
/// </summary>
internal sealed class TxPool(int maxPerSender, int maxTotal)
{
    /// <summary>Minimum fee increase for a replacement, in percent.</summary>
    public const int ReplacementBumpPercent = 10;

    private readonly object _lock = new();
    private readonly Dictionary<Address, SortedList<ulong, PooledTransaction>> _senders = new();
    private readonly Dictionary<Hash256, PooledTransaction> _byHash = new();

    public int Count { get { lock (_lock) return _byHash.Count; } }

    public bool Contains(in Hash256 hash) { lock (_lock) return _byHash.ContainsKey(hash); }

    public PooledTransaction? Get(in Hash256 hash) { lock (_lock) return _byHash.GetValueOrDefault(hash); }

    /// <summary>Holds a future-nonce transaction (the caller checked nonce, funds and fees).</summary>
    public SubmitResult Add(Transaction tx, Address sender)
    {
        lock (_lock)
        {
            if (!_senders.TryGetValue(sender, out var queue)) queue = null;
            if (queue != null && queue.TryGetValue(tx.Nonce, out PooledTransaction? old))
            {
                if (!IsBump(tx.MaxFeeCap, old.Transaction.MaxFeeCap) || !IsBump(tx.PriorityFeeCap, old.Transaction.PriorityFeeCap))
                    return SubmitResult.Reject(TxRejection.ReplacementUnderpriced);
                _byHash.Remove(old.Transaction.Hash);
                var replacement = new PooledTransaction(tx, sender);
                queue[tx.Nonce] = replacement;
                _byHash[tx.Hash] = replacement;
                return SubmitResult.Ok(tx.Hash, queued: true);
            }
            if (queue != null && queue.Count >= maxPerSender)
                return SubmitResult.Reject(TxRejection.PoolFull, $"sender {sender} already has {maxPerSender} queued transactions");
            if (_byHash.Count >= maxTotal)
                return SubmitResult.Reject(TxRejection.PoolFull, $"{maxTotal} transactions queued");
            if (queue == null) _senders[sender] = queue = new SortedList<ulong, PooledTransaction>();
            var entry = new PooledTransaction(tx, sender);
            queue.Add(tx.Nonce, entry);
            _byHash[tx.Hash] = entry;
            return SubmitResult.Ok(tx.Hash, queued: true);
        }
    }

    /// <summary>True when the sender has held transactions.</summary>
    public bool HasSender(in Address sender) { lock (_lock) return _senders.ContainsKey(sender); }

    /// <summary>Removes and returns the sender's transaction with <paramref name="nonce"/>; lower (stale) nonces are dropped.</summary>
    public PooledTransaction? Take(in Address sender, ulong nonce)
    {
        lock (_lock)
        {
            if (!_senders.TryGetValue(sender, out var queue)) return null;
            while (queue.Count > 0 && queue.Keys[0] < nonce)
            {
                _byHash.Remove(queue.Values[0].Transaction.Hash);
                queue.RemoveAt(0);
            }
            PooledTransaction? next = null;
            if (queue.Count > 0 && queue.Keys[0] == nonce)
            {
                next = queue.Values[0];
                queue.RemoveAt(0);
                _byHash.Remove(next.Transaction.Hash);
            }
            if (queue.Count == 0) _senders.Remove(sender);
            return next;
        }
    }

    /// <summary>True when <paramref name="offered"/> is at least 10% above <paramref name="current"/> (rounded up).</summary>
    public static bool IsBump(in UInt256 offered, in UInt256 current)
    {
        UInt256 tenth = current / (ulong)ReplacementBumpPercent;
        if (!(current % (ulong)ReplacementBumpPercent).IsZero) tenth += UInt256.One;
        return !UInt256.AddOverflow(in current, in tenth, out UInt256 needed) && offered >= needed;
    }
}
