using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Core.Chain;

/// <summary>
/// A chain's identity and fork schedule, as in the <c>config</c> object of a geth-style
/// genesis.json: forks up to Paris activate by block number, later ones by timestamp.
/// </summary>
public sealed class ChainConfig
{
    public required ulong ChainId { get; init; }

    public ulong? HomesteadBlock { get; init; }
    /// <summary>Tangerine Whistle.</summary>
    public ulong? Eip150Block { get; init; }
    public ulong? Eip155Block { get; init; }
    /// <summary>Spurious Dragon (falls back to <see cref="Eip155Block"/> when unset).</summary>
    public ulong? Eip158Block { get; init; }
    public ulong? ByzantiumBlock { get; init; }
    public ulong? ConstantinopleBlock { get; init; }
    /// <summary>Falls back to <see cref="ConstantinopleBlock"/> when unset: Petersburg only removed EIP-1283 from it.</summary>
    public ulong? PetersburgBlock { get; init; }
    public ulong? IstanbulBlock { get; init; }
    public ulong? MuirGlacierBlock { get; init; }
    public ulong? BerlinBlock { get; init; }
    public ulong? LondonBlock { get; init; }
    public ulong? ArrowGlacierBlock { get; init; }
    public ulong? GrayGlacierBlock { get; init; }
    /// <summary>Block at which Paris is forced regardless of total difficulty.</summary>
    public ulong? MergeNetsplitBlock { get; init; }

    /// <summary>EIP-3675 terminal total difficulty; 0 means the chain is merged from genesis.</summary>
    public UInt256? TerminalTotalDifficulty { get; init; }

    public ulong? ShanghaiTime { get; init; }
    public ulong? CancunTime { get; init; }
    public ulong? PragueTime { get; init; }

    /// <summary>EIP-6110 deposit contract, whose logs become deposit requests from Prague.</summary>
    public Address? DepositContractAddress { get; init; }

    /// <summary>Configured blob parameters per fork (EIP-7840); forks without an entry use their EIP's defaults.</summary>
    public IReadOnlyDictionary<Fork, BlobScheduleEntry> BlobSchedule { get; init; } = new Dictionary<Fork, BlobScheduleEntry>();

    /// <summary>The block number at which a block-activated fork starts, or null (unscheduled, or activated by time).</summary>
    public ulong? GetActivationBlock(Fork fork) => fork switch
    {
        Fork.Frontier => 0,
        Fork.Homestead => HomesteadBlock,
        Fork.TangerineWhistle => Eip150Block,
        Fork.SpuriousDragon => Eip158Block ?? Eip155Block,
        Fork.Byzantium => ByzantiumBlock,
        Fork.Constantinople => ConstantinopleBlock,
        Fork.Petersburg => PetersburgBlock ?? ConstantinopleBlock,
        Fork.Istanbul => IstanbulBlock,
        Fork.MuirGlacier => MuirGlacierBlock,
        Fork.Berlin => BerlinBlock,
        Fork.London => LondonBlock,
        Fork.ArrowGlacier => ArrowGlacierBlock,
        Fork.GrayGlacier => GrayGlacierBlock,
        Fork.Paris => MergeNetsplitBlock,
        _ => null,
    };

    /// <summary>The timestamp at which a time-activated fork (Shanghai onwards) starts, or null.</summary>
    public ulong? GetActivationTime(Fork fork) => fork switch
    {
        Fork.Shanghai => ShanghaiTime,
        Fork.Cancun => CancunTime,
        Fork.Prague => PragueTime,
        _ => null,
    };

    /// <summary>
    /// The latest fork in effect for a block. Paris counts as reached at <see cref="MergeNetsplitBlock"/>,
    /// when the terminal total difficulty is 0, or once a timestamp fork is due (those all follow the
    /// merge); a chain whose TTD is still ahead cannot be placed by number and time alone. Post-London
    /// forks take effect only once London has.
    /// </summary>
    public Fork GetFork(ulong number, ulong timestamp)
    {
        Fork byBlock = Fork.Frontier;
        for (Fork f = Fork.GrayGlacier; f > Fork.Frontier; f--)
        {
            if (GetActivationBlock(f) is { } at && number >= at)
            {
                byBlock = f;
                break;
            }
        }
        if (byBlock < Fork.London) return byBlock;

        for (Fork f = Fork.Prague; f >= Fork.Shanghai; f--)
        {
            if (GetActivationTime(f) is { } at && timestamp >= at) return f;
        }
        bool merged = (MergeNetsplitBlock is { } netsplit && number >= netsplit)
            || TerminalTotalDifficulty is { IsZero: true };
        return merged ? Fork.Paris : byBlock;
    }

    public bool IsActive(Fork fork, ulong number, ulong timestamp) => GetFork(number, timestamp) >= fork;

    /// <summary>Blob parameters for a fork from Cancun on: the configured entry, else the EIP defaults.</summary>
    public BlobScheduleEntry GetBlobSchedule(Fork fork)
    {
        if (fork < Fork.Cancun) throw new ArgumentOutOfRangeException(nameof(fork), fork, "blobs exist from Cancun on");
        if (BlobSchedule.TryGetValue(fork, out BlobScheduleEntry entry)) return entry;
        return fork >= Fork.Prague ? BlobScheduleEntry.Prague : BlobScheduleEntry.Cancun;
    }

    /// <summary>The genesis.json key that schedules <paramref name="fork"/>.</summary>
    public static string KeyOf(Fork fork) => fork switch
    {
        Fork.Frontier => "(genesis)",
        Fork.Homestead => "homesteadBlock",
        Fork.TangerineWhistle => "eip150Block",
        Fork.SpuriousDragon => "eip158Block",
        Fork.Paris => "mergeNetsplitBlock",
        >= Fork.Shanghai => char.ToLowerInvariant(fork.ToString()[0]) + fork.ToString()[1..] + "Time",
        _ => char.ToLowerInvariant(fork.ToString()[0]) + fork.ToString()[1..] + "Block",
    };

    /// <summary>
    /// Checks the schedule is in order: each scheduled fork at or after the previous one of its kind
    /// (block or time), and no fork scheduled while a required earlier one is not. The difficulty-bomb
    /// forks (Muir, Arrow and Gray Glacier) and the merge netsplit block are optional.
    /// </summary>
    /// <exception cref="InvalidOperationException">With the offending keys named.</exception>
    public void Validate()
    {
        Fork? missing = null;
        (Fork Fork, ulong At)? previous = null;
        for (Fork f = Fork.Homestead; f <= Fork.Prague; f++)
        {
            if (f == Fork.Shanghai) previous = null; // timestamps are not comparable with block numbers
            ulong? at = f >= Fork.Shanghai ? GetActivationTime(f) : GetActivationBlock(f);
            if (at is null)
            {
                if (!IsOptional(f)) missing ??= f;
                continue;
            }
            if (missing is { } m)
                throw new InvalidOperationException($"{KeyOf(f)} is set but the earlier fork {KeyOf(m)} is not");
            if (previous is { } p && at < p.At)
                throw new InvalidOperationException($"{KeyOf(f)} ({at}) comes before {KeyOf(p.Fork)} ({p.At})");
            previous = (f, at.Value);
        }
    }

    private static bool IsOptional(Fork fork) =>
        fork is Fork.MuirGlacier or Fork.ArrowGlacier or Fork.GrayGlacier or Fork.Paris;
}
