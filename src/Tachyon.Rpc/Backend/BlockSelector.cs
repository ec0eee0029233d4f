using Tachyon.Core.Types;

namespace Tachyon.Rpc.Backend;

/// <summary>Which kind of block a <see cref="BlockSelector"/> names.</summary>
public enum BlockSelectorKind : byte
{
    Latest,
    Pending,
    Safe,
    Finalized,
    Earliest,
    Number,
    Hash,
}

/// <summary>
/// A block reference from a request: a tag, a number, or (EIP-1898) a hash with an optional
/// requireCanonical flag. The backend resolves tags against its own view of the chain.
/// </summary>
public readonly record struct BlockSelector(BlockSelectorKind Kind, ulong Number = 0, Hash256 Hash = default, bool RequireCanonical = false)
{
    public static readonly BlockSelector Latest = new(BlockSelectorKind.Latest);
    public static readonly BlockSelector Pending = new(BlockSelectorKind.Pending);
    public static readonly BlockSelector Safe = new(BlockSelectorKind.Safe);
    public static readonly BlockSelector Finalized = new(BlockSelectorKind.Finalized);
    public static readonly BlockSelector Earliest = new(BlockSelectorKind.Earliest);

    public static BlockSelector ByNumber(ulong number) => new(BlockSelectorKind.Number, number);

    public static BlockSelector ByHash(Hash256 hash, bool requireCanonical = false) =>
        new(BlockSelectorKind.Hash, 0, hash, requireCanonical);

    public override string ToString() => Kind switch
    {
        BlockSelectorKind.Number => "0x" + Number.ToString("x"),
        BlockSelectorKind.Hash => Hash.ToString(),
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
