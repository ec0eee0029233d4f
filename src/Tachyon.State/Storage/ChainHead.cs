using System.Buffers.Binary;
using Tachyon.Core.Types;

namespace Tachyon.State.Storage;

/// <summary>The metadata record: last persisted block, written in that block's batch.</summary>
public readonly record struct ChainHead(ulong Number, Hash256 BlockHash, Hash256 StateRoot)
{
    public static ReadOnlySpan<byte> Key => "head"u8;

    public byte[] Encode()
    {
        var b = new byte[72];
        BinaryPrimitives.WriteUInt64BigEndian(b, Number);
        BlockHash.Bytes.CopyTo(b.AsSpan(8));
        StateRoot.Bytes.CopyTo(b.AsSpan(40));
        return b;
    }

    public static ChainHead Decode(ReadOnlySpan<byte> b) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(b), new Hash256(b.Slice(8, 32)), new Hash256(b.Slice(40, 32)));
}
