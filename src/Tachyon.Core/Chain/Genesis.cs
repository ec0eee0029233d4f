using Tachyon.Core.Blocks;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Core.Chain;

/// <summary>
/// A geth-style genesis: the chain config, the initial allocation, and the genesis header's own
/// fields. The state root is computed elsewhere (from <see cref="Alloc"/> with the trie) and passed
/// to <see cref="ToHeader"/>.
/// </summary>
public sealed class Genesis
{
    /// <summary>EIP-1559 INITIAL_BASE_FEE, used when a London genesis does not set baseFeePerGas.</summary>
    public const ulong InitialBaseFee = 1_000_000_000;

    public required ChainConfig Config { get; init; }
    public IReadOnlyDictionary<Address, GenesisAccount> Alloc { get; init; } = new Dictionary<Address, GenesisAccount>();

    public ulong Nonce { get; init; }
    public ulong Timestamp { get; init; }
    public ReadOnlyMemory<byte> ExtraData { get; init; }
    public ulong GasLimit { get; init; }
    public UInt256 Difficulty { get; init; }
    public Hash256 MixHash { get; init; }
    public Address Coinbase { get; init; }
    public UInt256? BaseFeePerGas { get; init; }
    public ulong? ExcessBlobGas { get; init; }
    public ulong? BlobGasUsed { get; init; }
    public ulong Number { get; init; }
    public ulong GasUsed { get; init; }
    public Hash256 ParentHash { get; init; }

    /// <summary>Parses genesis.json text.</summary>
    /// <exception cref="GenesisFormatException">Malformed JSON or a bad field, named in the message.</exception>
    public static Genesis Parse(string json) => GenesisJson.Parse(json, "genesis");

    /// <summary>Reads and parses a genesis.json file; error messages start with its path.</summary>
    public static Genesis Load(string path) => GenesisJson.Parse(File.ReadAllText(path), path);

    /// <summary>The fork in effect for the genesis block itself.</summary>
    public Fork Fork => Config.GetFork(Number, Timestamp);

    /// <summary>
    /// Builds the genesis header with the fields of the fork active at genesis: baseFeePerGas from
    /// London, withdrawalsRoot from Shanghai, blob gas fields and a zero parentBeaconBlockRoot from
    /// Cancun, and the empty requests hash from Prague.
    /// </summary>
    public BlockHeader ToHeader(Hash256 stateRoot)
    {
        Fork fork = Fork;
        return new BlockHeader
        {
            ParentHash = ParentHash,
            OmmersHash = Hash256.EmptyListHash,
            Coinbase = Coinbase,
            StateRoot = stateRoot,
            TransactionsRoot = Hash256.EmptyTrieRoot,
            ReceiptsRoot = Hash256.EmptyTrieRoot,
            Difficulty = Difficulty,
            Number = Number,
            GasLimit = GasLimit,
            GasUsed = GasUsed,
            Timestamp = Timestamp,
            ExtraData = ExtraData,
            MixHash = MixHash,
            Nonce = Nonce,
            BaseFeePerGas = fork >= Fork.London ? BaseFeePerGas ?? InitialBaseFee : null,
            WithdrawalsRoot = fork >= Fork.Shanghai ? Hash256.EmptyTrieRoot : null,
            BlobGasUsed = fork >= Fork.Cancun ? BlobGasUsed ?? 0 : null,
            ExcessBlobGas = fork >= Fork.Cancun ? ExcessBlobGas ?? 0 : null,
            ParentBeaconBlockRoot = fork >= Fork.Cancun ? Hash256.Zero : null,
            RequestsHash = fork >= Fork.Prague ? BlockHeader.EmptyRequestsHash : null,
        };
    }

    /// <summary>The genesis block: <see cref="ToHeader"/> with an empty body (and an empty withdrawals list from Shanghai).</summary>
    public Block ToBlock(Hash256 stateRoot)
    {
        BlockHeader header = ToHeader(stateRoot);
        IReadOnlyList<Withdrawal>? withdrawals = header.WithdrawalsRoot.HasValue ? [] : null;
        return new Block(header, new BlockBody([], [], withdrawals));
    }
}
