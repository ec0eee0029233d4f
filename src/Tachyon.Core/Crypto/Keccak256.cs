using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tachyon.Core.Types;

namespace Tachyon.Core.Crypto;

/// <summary>
/// Keccak-256 as Ethereum uses it (original Keccak padding 0x01, not SHA3's 0x06).
/// One-shot static API over spans and an incremental struct hasher; neither allocates.
/// </summary>
[SkipLocalsInit]
public struct Keccak256
{
    public const int HashSize = 32;
    private const int Rate = KeccakF1600.Rate; // (1600 - 2*256) / 8 = 136 bytes

    private StateBuffer _state;
    private BlockBuffer _buffer;
    private int _buffered;

    [InlineArray(25)]
    private struct StateBuffer { private ulong _e; }

    [InlineArray(Rate)]
    private struct BlockBuffer { private byte _e; }

    /// <summary>Hashes <paramref name="data"/> into the 32-byte <paramref name="output"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> output)
    {
        if (output.Length < HashSize) throw new ArgumentException("output must hold 32 bytes", nameof(output));
        Span<ulong> state = stackalloc ulong[25];
        state.Clear();
        int absorbed = KeccakF1600.AbsorbBlocks(state, data);
        data = data[absorbed..];
        if (absorbed == 0 && BitConverter.IsLittleEndian)
        {
            // Single block (the common short-input case): the state is all zero, so the padded block
            // can be written straight into it (lanes are little-endian) instead of XORed in.
            Span<byte> stateBytes = MemoryMarshal.AsBytes(state);
            data.CopyTo(stateBytes);
            stateBytes[data.Length] = 0x01;
            stateBytes[Rate - 1] ^= 0x80;
            KeccakF1600.Permute(state);
            Squeeze(state, output);
            return;
        }
        Span<byte> last = stackalloc byte[Rate];
        last.Clear();
        data.CopyTo(last);
        last[data.Length] ^= 0x01;
        last[Rate - 1] ^= 0x80;
        KeccakF1600.AbsorbBlocks(state, last);
        Squeeze(state, output);
    }

    /// <summary>Hashes <paramref name="data"/> and returns it as a <see cref="Hash256"/>.</summary>
    public static Hash256 Compute(ReadOnlySpan<byte> data)
    {
        Hash256 h = default;
        Hash(data, h.AsWritableSpan());
        return h;
    }

    /// <summary>Hashes <paramref name="data"/> into a new byte array (convenience; allocates).</summary>
    public static byte[] HashToArray(ReadOnlySpan<byte> data)
    {
        var output = new byte[HashSize];
        Hash(data, output);
        return output;
    }

    /// <summary>Creates an empty incremental hasher.</summary>
    public static Keccak256 Create() => default;

    /// <summary>Absorbs more input.</summary>
    public void Update(ReadOnlySpan<byte> data)
    {
        Span<ulong> state = _state;
        Span<byte> buffer = _buffer;
        if (_buffered > 0)
        {
            int take = Math.Min(Rate - _buffered, data.Length);
            data[..take].CopyTo(buffer[_buffered..]);
            _buffered += take;
            data = data[take..];
            if (_buffered < Rate) return;
            KeccakF1600.AbsorbBlocks(state, buffer);
            _buffered = 0;
        }
        data = data[KeccakF1600.AbsorbBlocks(state, data)..];
        data.CopyTo(buffer);
        _buffered = data.Length;
    }

    /// <summary>Writes the digest and resets the hasher for reuse.</summary>
    public void Finish(Span<byte> output)
    {
        if (output.Length < HashSize) throw new ArgumentException("output must hold 32 bytes", nameof(output));
        Span<ulong> state = _state;
        Span<byte> buffer = _buffer;
        buffer[_buffered..].Clear();
        buffer[_buffered] ^= 0x01;
        buffer[Rate - 1] ^= 0x80;
        KeccakF1600.AbsorbBlocks(state, buffer);
        Squeeze(state, output);
        Reset();
    }

    public Hash256 Finish()
    {
        Hash256 h = default;
        Finish(h.AsWritableSpan());
        return h;
    }

    public void Reset()
    {
        ((Span<ulong>)_state).Clear();
        _buffered = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Squeeze(ReadOnlySpan<ulong> state, Span<byte> output)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(state[..4]).CopyTo(output);
            return;
        }
        for (int i = 0; i < 4; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(output.Slice(i * 8, 8), state[i]);
    }
}
