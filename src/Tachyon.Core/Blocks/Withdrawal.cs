using Tachyon.Core.Numerics;
using Tachyon.Core.Rlp;
using Tachyon.Core.Types;
using RlpCodec = Tachyon.Core.Rlp.Rlp;

namespace Tachyon.Core.Blocks;

/// <summary>An EIP-4895 beacon-chain withdrawal. RLP: [index, validatorIndex, address, amount]; the amount is in Gwei.</summary>
public readonly record struct Withdrawal(ulong Index, ulong ValidatorIndex, Address Address, ulong AmountGwei)
{
    private const ulong WeiPerGwei = 1_000_000_000;

    /// <summary>The amount in Wei (Gwei × 10^9; up to 94 bits, so computed in 128 bits).</summary>
    public UInt256 AmountWei
    {
        get
        {
            UInt128 wei = (UInt128)AmountGwei * WeiPerGwei;
            return new UInt256((ulong)wei, (ulong)(wei >> 64));
        }
    }

    private int ContentLength =>
        RlpCodec.LengthOf(Index) + RlpCodec.LengthOf(ValidatorIndex) + RlpCodec.LengthOf(Address) + RlpCodec.LengthOf(AmountGwei);

    public int RlpLength => RlpCodec.LengthOfList(ContentLength);

    public void WriteTo(ref RlpWriter writer)
    {
        writer.WriteListHeader(ContentLength);
        writer.WriteUInt64(Index);
        writer.WriteUInt64(ValidatorIndex);
        writer.WriteAddress(Address);
        writer.WriteUInt64(AmountGwei);
    }

    public byte[] Encode()
    {
        var output = new byte[RlpLength];
        var writer = new RlpWriter(output);
        WriteTo(ref writer);
        return output;
    }

    public static Withdrawal ReadFrom(ref RlpReader reader)
    {
        RlpReader fields = reader.ReadList();
        var withdrawal = new Withdrawal(fields.ReadUInt64(), fields.ReadUInt64(), fields.ReadAddress(), fields.ReadUInt64());
        fields.EnsureEnd();
        return withdrawal;
    }

    public static Withdrawal Decode(ReadOnlySpan<byte> rlp)
    {
        var reader = new RlpReader(rlp);
        Withdrawal withdrawal = ReadFrom(ref reader);
        reader.EnsureEnd();
        return withdrawal;
    }
}
