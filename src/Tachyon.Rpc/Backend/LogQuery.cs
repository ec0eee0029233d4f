using Tachyon.Core.Blocks;
using Tachyon.Core.Types;

namespace Tachyon.Rpc.Backend;

/// <summary>
/// A log filter with its block range already resolved to numbers (or a single block hash).
/// <see cref="Topics"/>: position i is null (any) or a set of alternatives (OR).
/// </summary>
public sealed record LogQuery(ulong FromBlock, ulong ToBlock, IReadOnlyList<Address> Addresses, IReadOnlyList<IReadOnlyList<Hash256>?> Topics)
{
    /// <summary>When set, only this block is searched and the range is ignored.</summary>
    public Hash256? BlockHash { get; init; }

    /// <summary>The backend may stop once it has found more than this many logs (the RPC layer rejects the query then).</summary>
    public int MaxResults { get; init; } = int.MaxValue;

    /// <summary>True when <paramref name="log"/> passes the address and topic criteria.</summary>
    public bool Matches(Log log)
    {
        if (Addresses.Count > 0)
        {
            bool found = false;
            for (int i = 0; i < Addresses.Count && !found; i++) found = Addresses[i] == log.Address;
            if (!found) return false;
        }
        if (Topics.Count > log.Topics.Count)
        {
            // A position past the log's last topic matches only a wildcard.
            for (int i = log.Topics.Count; i < Topics.Count; i++)
                if (Topics[i] is { Count: > 0 }) return false;
        }
        int n = Math.Min(Topics.Count, log.Topics.Count);
        for (int i = 0; i < n; i++)
        {
            IReadOnlyList<Hash256>? alternatives = Topics[i];
            if (alternatives is null || alternatives.Count == 0) continue;
            bool any = false;
            for (int j = 0; j < alternatives.Count && !any; j++) any = alternatives[j] == log.Topics[i];
            if (!any) return false;
        }
        return true;
    }

    /// <summary>Cheap pre-check on a block's bloom: false means no log of the block can match.</summary>
    public bool MayMatch(in Bloom bloom)
    {
        if (Addresses.Count > 0)
        {
            bool any = false;
            for (int i = 0; i < Addresses.Count && !any; i++) any = bloom.Contains(Addresses[i]);
            if (!any) return false;
        }
        for (int i = 0; i < Topics.Count; i++)
        {
            IReadOnlyList<Hash256>? alternatives = Topics[i];
            if (alternatives is null || alternatives.Count == 0) continue;
            bool any = false;
            for (int j = 0; j < alternatives.Count && !any; j++) any = bloom.Contains(alternatives[j]);
            if (!any) return false;
        }
        return true;
    }
}
