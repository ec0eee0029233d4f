using Tachyon.Core.Numerics;
using static Tachyon.Workloads.Contracts.Op;

namespace Tachyon.Workloads.Contracts;

/// <summary>
/// Creation code for deploying our contracts with a plain transaction (to = null) on any node:
/// an optional constructor, then CODECOPY of the runtime code appended after it, and RETURN.
/// </summary>
public static class InitCode
{
    /// <summary>Deploys <paramref name="runtime"/> as is (no constructor).</summary>
    public static byte[] For(byte[] runtime) => Wrap(new EvmAssembler(), runtime);

    /// <summary>
    /// Deploys <see cref="Erc20"/> and mints <paramref name="supply"/> to the deployer (the balance slot of
    /// CALLER, computed on chain the way the runtime does: keccak(pad32(caller) ‖ pad32(0))).
    /// </summary>
    public static byte[] Erc20MintingToDeployer(UInt256 supply) => Wrap(new EvmAssembler()
        .Op(CALLER, PUSH0, MSTORE, PUSH0).Push(32).Op(MSTORE)          // mem = pad32(caller) ‖ pad32(0)
        .Push(supply).Push(64).Op(PUSH0, KECCAK256, SSTORE),           // balance[caller] = supply
        Erc20.Code());

    /// <summary>Deploys <see cref="ConstantProductAmm"/> with pools 0..<paramref name="pools"/>-1 each holding <paramref name="reserve"/> of both tokens.</summary>
    public static byte[] AmmWithPools(int pools, UInt256 reserve)
    {
        var constructor = new EvmAssembler();
        for (int p = 0; p < pools; p++)
        {
            constructor.Push(reserve).Push(ConstantProductAmm.Reserve0Slot(p)).Op(SSTORE);
            constructor.Push(reserve).Push(ConstantProductAmm.Reserve1Slot(p)).Op(SSTORE);
        }
        return Wrap(constructor, ConstantProductAmm.Code());
    }

    private static byte[] Wrap(EvmAssembler constructor, byte[] runtime)
    {
        byte[] prefix = constructor.Build();
        // The copier's length does not depend on the offset it pushes (always PUSH2), so measure it with 0.
        byte[] copier = Copier(runtime.Length, prefix.Length + Copier(runtime.Length, 0).Length);
        byte[] code = new byte[prefix.Length + copier.Length + runtime.Length];
        prefix.CopyTo(code, 0);
        copier.CopyTo(code, prefix.Length);
        runtime.CopyTo(code, prefix.Length + copier.Length);
        return code;
    }

    // CODECOPY(0, offset, length); RETURN(0, length). Offset is PUSH2 wide so the copier length is fixed.
    private static byte[] Copier(int length, int offset)
    {
        byte[] pushLen = new EvmAssembler().Push((ulong)length).Build();
        var code = new List<byte>();
        code.AddRange(pushLen);                                              // [len]
        code.AddRange([(byte)PUSH2, (byte)(offset >> 8), (byte)offset]);     // [len, offset]
        code.Add((byte)PUSH0);                                               // [len, offset, 0]
        code.Add(0x39);                                                      // CODECOPY (not in Op)(dest 0, offset, len)
        code.AddRange(pushLen);
        code.Add((byte)PUSH0);
        code.Add((byte)RETURN);                                              // RETURN(0, len)
        return code.ToArray();
    }
}
