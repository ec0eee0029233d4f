using Tachyon.Core.Crypto;
using Tachyon.Core.Types;

namespace Tachyon.Sequencer.Tests;

/// <summary>Hand-assembled test contracts.</summary>
internal static class Contracts
{
    public static readonly Hash256 StoredTopic = Keccak256.Compute("Stored(uint256)"u8.ToArray());

    /// <summary>
    /// Any call: returns the old slot 0, stores calldata word 0 in slot 0 and emits
    /// LOG1(StoredTopic, data = the new value).
    /// </summary>
    public static byte[] StoreRuntime()
    {
        var code = new List<byte>
        {
            0x60, 0x00, 0x54,       // SLOAD(0)
            0x60, 0x00, 0x52,       // MSTORE(0, old)
            0x60, 0x00, 0x35,       // CALLDATALOAD(0)
            0x80, 0x60, 0x00, 0x55, // DUP1, SSTORE(0, v)
            0x60, 0x20, 0x52,       // MSTORE(32, v)
            0x7f,                   // PUSH32 topic
        };
        code.AddRange(StoredTopic.Bytes.ToArray());
        code.AddRange(new byte[]
        {
            0x60, 0x20, 0x60, 0x20, 0xa1, // LOG1(offset 32, size 32, topic)
            0x60, 0x20, 0x60, 0x00, 0xf3, // RETURN(0, 32)
        });
        return code.ToArray();
    }

    /// <summary>Always reverts with the 32-byte word 42.</summary>
    public static byte[] RevertRuntime() => [0x60, 0x2a, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xfd];

    /// <summary>Init code that deploys <paramref name="runtime"/> (up to 255 bytes).</summary>
    public static byte[] Deploy(byte[] runtime)
    {
        byte[] init = [0x60, (byte)runtime.Length, 0x80, 0x60, 12, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3, 0x00];
        return [.. init, .. runtime];
    }

    public static byte[] Word(ulong v)
    {
        var w = new byte[32];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(w.AsSpan(24), v);
        return w;
    }
}
