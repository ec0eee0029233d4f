using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Core.Transactions;

/// <summary>
/// One EIP-7702 authorization: [chain_id, address, nonce, y_parity, r, s]. The field widths are
/// the EIP's bounds (chain_id and r, s below 2^256, nonce below 2^64, y_parity below 2^8); a
/// tuple outside them makes the whole transaction invalid. A tuple within them but with a bad
/// signature is only skipped at execution (see <see cref="AuthorityRecovery"/>).
/// </summary>
public readonly record struct AuthorizationTuple(UInt256 ChainId, Address Address, ulong Nonce, byte YParity, UInt256 R, UInt256 S);
