using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.State;

/// <summary>An EIP-1186 proof read from the stored tries: the account (null when absent) and its slots.</summary>
public sealed record StateProof(AccountState? Account, IReadOnlyList<byte[]> AccountProof, IReadOnlyList<SlotProof> StorageProofs);

public sealed record SlotProof(UInt256 Slot, UInt256 Value, IReadOnlyList<byte[]> Proof);
