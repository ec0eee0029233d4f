using Tachyon.Core.Chain;
using Tachyon.Core.Crypto.Hd;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;

namespace Tachyon.Node.Host;

/// <summary>The dev chain: mnemonic accounts and a deterministic genesis (same hash on every start).</summary>
public static class DevChain
{
    public const ulong DefaultChainId = 31337;
    private static readonly UInt256 Wei = UInt256.Parse("1000000000000000000");

    public static IReadOnlyList<DevAccount> Accounts(NodeSettings settings)
    {
        var keys = HdWallet.EthereumAccounts(settings.Mnemonic, settings.DevAccounts);
        var accounts = new DevAccount[keys.Count];
        for (int i = 0; i < keys.Count; i++) accounts[i] = new DevAccount(keys[i].Address, keys[i].PrivateKey);
        return accounts;
    }

    public static UInt256 BalanceWei(NodeSettings settings) => Wei * new UInt256(settings.DevBalanceEth);

    /// <summary>Every fork through Prague from block 0; timestamp 0 so the genesis hash does not depend on the start time.</summary>
    public static Genesis Genesis(NodeSettings settings, IReadOnlyList<DevAccount> accounts)
    {
        var alloc = new Dictionary<Address, GenesisAccount>();
        UInt256 balance = BalanceWei(settings);
        foreach (DevAccount a in accounts) alloc[a.Address] = new GenesisAccount { Balance = balance };
        return new Genesis
        {
            Config = new ChainConfig
            {
                ChainId = settings.ChainId ?? DefaultChainId,
                HomesteadBlock = 0, Eip150Block = 0, Eip155Block = 0, Eip158Block = 0, ByzantiumBlock = 0,
                ConstantinopleBlock = 0, PetersburgBlock = 0, IstanbulBlock = 0, BerlinBlock = 0, LondonBlock = 0,
                TerminalTotalDifficulty = 0, ShanghaiTime = 0, CancunTime = 0, PragueTime = 0,
            },
            GasLimit = settings.BlockGasLimit,
            BaseFeePerGas = Tachyon.Core.Chain.Genesis.InitialBaseFee,
            Timestamp = 0,
            Alloc = alloc,
        };
    }
}
