using System.Collections.Concurrent;
using Tachyon.Core.Types;

namespace Tachyon.Evm.Interpreter;

/// <summary>Code plus its JUMPDEST bitmap, analysed once per code hash and cached.</summary>
public sealed class CodeInfo
{
    private static readonly ConcurrentDictionary<Hash256, CodeInfo> Cache = new();
    private const int MaxCached = 50_000;

    public static readonly CodeInfo Empty = new([]);

    public byte[] Code { get; }
    private readonly ulong[] _jumpDests;

    public CodeInfo(byte[] code)
    {
        Code = code;
        _jumpDests = new ulong[(code.Length + 63) / 64];
        for (int i = 0; i < code.Length; i++)
        {
            byte op = code[i];
            if (op == 0x5b) _jumpDests[i >> 6] |= 1UL << (i & 63);
            else if (op >= 0x60 && op <= 0x7f) i += op - 0x5f;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool IsValidJumpDest(ulong dest) =>
        dest < (ulong)Code.Length && (_jumpDests[dest >> 6] & (1UL << (int)(dest & 63))) != 0;

    public static CodeInfo Get(in Hash256 codeHash, byte[] code)
    {
        if (code.Length == 0) return Empty;
        if (Cache.TryGetValue(codeHash, out CodeInfo? ci)) return ci;
        ci = new CodeInfo(code);
        if (Cache.Count >= MaxCached) Cache.Clear();
        Cache[codeHash] = ci;
        return ci;
    }
}
