using Microsoft.Extensions.Logging.Abstractions;
using Tachyon.Core.Chain;
using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Server;
using Tachyon.Sequencer;
using Tachyon.State.Storage;

namespace Tachyon.Node.Tests;

/// <summary>
/// A sequencer plus JSON-RPC server in this process, on a scratch directory and a free port, with the
/// dev chain the `tachyon --dev` host serves (chain 31337, Hardhat accounts #0 and #1 with 10,000 ETH).
/// </summary>
internal sealed class InProcessNode : IAsyncDisposable
{
    private readonly string _dir;
    private readonly SequencerNode _node;
    private readonly RpcServer _server;

    private InProcessNode(string dir, SequencerNode node, RpcServer server)
    {
        _dir = dir;
        _node = node;
        _server = server;
    }

    public Uri HttpUri => _server.HttpUri;
    public Uri WebSocketUri => _server.WebSocketUri;

    public static async Task<InProcessNode> StartAsync()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tachyon-e2e-" + Guid.NewGuid().ToString("N"));
        UInt256 balance = UInt256.Parse("10000000000000000000000");
        var options = new SequencerOptions
        {
            DataDir = dir,
            Genesis = new Genesis
            {
                Config = new ChainConfig
                {
                    ChainId = DevKeys.ChainId, HomesteadBlock = 0, Eip150Block = 0, Eip155Block = 0, Eip158Block = 0,
                    ByzantiumBlock = 0, ConstantinopleBlock = 0, PetersburgBlock = 0, IstanbulBlock = 0, BerlinBlock = 0,
                    LondonBlock = 0, TerminalTotalDifficulty = 0, ShanghaiTime = 0, CancunTime = 0, PragueTime = 0,
                },
                GasLimit = 30_000_000,
                BaseFeePerGas = 1_000_000_000,
                Alloc = DevKeys.Keys.ToDictionary(k => Secp256k1.GetAddress(k), _ => new GenesisAccount { Balance = balance }),
            },
            BlockInterval = TimeSpan.FromSeconds(1),
            Durability = DurabilityMode.Async,
            DevAccounts = DevKeys.Keys.Select(k => new DevAccount(Secp256k1.GetAddress(k), k)).ToArray(),
        };
        SequencerNode node = SequencerNode.Open(options, NullLoggerFactory.Instance);
        node.Start();
        var server = new RpcServer(node.Backend, new RpcServerOptions { Host = "127.0.0.1", Port = 0 });
        await server.StartAsync();
        return new InProcessNode(dir, node, server);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _node.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The Hardhat test-mnemonic keys the dev chain funds (#0, #1).</summary>
internal static class DevKeys
{
    public const ulong ChainId = 31337;

    public static readonly byte[][] Keys =
    [
        Convert.FromHexString("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"),
        Convert.FromHexString("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"),
    ];
}
