using Tachyon.Core.Blocks;
using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;

namespace Tachyon.Evm.StateTests;

/// <summary>The few Core services the state-test runner needs (signatures, logs hash).</summary>
internal static class CoreAdapters
{
    public static Hash256 LogsHash(IReadOnlyList<Log> logs) => Tachyon.Core.Blocks.LogsHash.Compute(logs);

    public static Address AddressFromPrivateKey(byte[] key) => Secp256k1.GetAddress(key);

    /// <summary>The authority of an EIP-7702 authorization, or null when its signature is invalid.</summary>
    public static Address? RecoverAuthority(in UInt256 chainId, in Address address, in UInt256 nonce, in UInt256 yParity, in UInt256 r, in UInt256 s)
    {
        if (!nonce.IsUInt64 || !yParity.IsUInt64 || yParity.U0 > 1) return null;
        var tuple = new AuthorizationTuple(chainId, address, nonce.U0, (byte)yParity.U0, r, s);
        return AuthorityRecovery.TryRecoverAuthority(tuple, out Address authority, out _) ? authority : null;
    }
}
