using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;
using Tachyon.Workloads.Contracts;

namespace Tachyon.Workloads.Tests;

/// <summary>Creation code deploys exactly the runtime code, and the ERC-20 constructor mints to the deployer.</summary>
public class InitCodeTests
{
    private static (EvmHarness Harness, Address Created) Deploy(byte[] initCode)
    {
        var h = new EvmHarness([0x00]);
        TransactionResult r = h.Processor.Execute(h.World, h.Block, new ExecutableTransaction
        {
            Type = 2, Sender = EvmHarness.Caller, Nonce = 0, To = null, Data = initCode, GasLimit = 5_000_000,
            MaxFeePerGas = 10, MaxPriorityFeePerGas = 1,
        }, 0);
        Assert.True(r.Success, r.InvalidReason ?? r.Status.ToString());
        return (h, r.ContractAddress!.Value);
    }

    private static byte[] CodeAt(EvmHarness h, Address a)
    {
        Assert.True(h.World.TryGetAccount(a, out AccountData account));
        return h.World.GetCode(a, account.CodeHash);
    }

    [Fact]
    public void Plain_init_code_deploys_the_runtime_unchanged()
    {
        byte[] runtime = Sieve.Code();
        var (h, created) = Deploy(InitCode.For(runtime));
        Assert.Equal(runtime, CodeAt(h, created));
    }

    [Fact]
    public void Erc20_constructor_mints_the_supply_to_the_deployer_and_the_token_works()
    {
        UInt256 supply = UInt256.Parse("1000000000000000000000");
        var (h, token) = Deploy(InitCode.Erc20MintingToDeployer(supply));
        Assert.Equal(Erc20.Code(), CodeAt(h, token));
        Assert.Equal(supply, h.World.GetStorage(token, Erc20.BalanceSlot(EvmHarness.Caller)));

        // The deployer can transfer from the minted balance through the deployed code.
        Address to = Address.Parse("0x00000000000000000000000000000000000b0b00");
        TransactionResult t = h.Processor.Execute(h.World, h.Block, EvmHarness.Tx(EvmHarness.Caller, 1, token, Erc20.TransferData(to, 5), 100_000), 0);
        Assert.True(t.Success);
        Assert.Equal(supply - 5, h.World.GetStorage(token, Erc20.BalanceSlot(EvmHarness.Caller)));
        Assert.Equal((UInt256)5, h.World.GetStorage(token, Erc20.BalanceSlot(to)));
    }

    [Fact]
    public void Amm_constructor_seeds_every_pool_and_swaps_pay_out()
    {
        var (h, amm) = Deploy(InitCode.AmmWithPools(3, 1_000_000));
        Assert.Equal(ConstantProductAmm.Code(), CodeAt(h, amm));
        for (int p = 0; p < 3; p++)
        {
            Assert.Equal((UInt256)1_000_000, h.World.GetStorage(amm, ConstantProductAmm.Reserve0Slot(p)));
            Assert.Equal((UInt256)1_000_000, h.World.GetStorage(amm, ConstantProductAmm.Reserve1Slot(p)));
        }
        Assert.True(h.World.GetStorage(amm, ConstantProductAmm.Reserve0Slot(3)).IsZero);

        TransactionResult t = h.Processor.Execute(h.World, h.Block, EvmHarness.Tx(EvmHarness.Caller, 1, amm, ConstantProductAmm.SwapData(2, 1000, false), 150_000), 0);
        Assert.True(t.Success);
        UInt256 expectedOut = ConstantProductAmm.AmountOut(1000, 1_000_000, 1_000_000);
        Assert.Equal(expectedOut, UInt256.FromBigEndian(t.Output));
        Assert.Equal((UInt256)1_001_000, h.World.GetStorage(amm, ConstantProductAmm.Reserve0Slot(2)));
        Assert.Equal((UInt256)1_000_000 - expectedOut, h.World.GetStorage(amm, ConstantProductAmm.Reserve1Slot(2)));
    }
}
