using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;

namespace Tachyon.Core.Tests.Transactions;

/// <summary>Sample transactions of every type, unsigned, for round-trip and signing tests.</summary>
internal static class TestTransactions
{
    public static readonly byte[] Key = Hex.FromHex("4646464646464646464646464646464646464646464646464646464646464646");
    public static readonly Address To = Address.Parse("0x3535353535353535353535353535353535353535");

    private static readonly AccessListItem[] SampleAccessList =
    [
        new(Address.Parse("0x00000000000000000000000000000000000000aa"), [Hash256.Zero, Hash256.EmptyKeccak]),
        new(Address.Parse("0x00000000000000000000000000000000000000bb")),
    ];

    public static IEnumerable<(string Name, Transaction Tx)> All()
    {
        var legacy = new Transaction
        {
            Type = TransactionType.Legacy,
            Nonce = 9,
            GasPrice = 20_000_000_000UL,
            GasLimit = 21_000,
            To = To,
            Value = 1_000_000_000_000_000_000UL,
        };
        yield return ("legacy pre-155", legacy);
        yield return ("legacy EIP-155", legacy with { ChainId = 1 });
        yield return ("legacy creation, big chain id", legacy with { ChainId = ulong.MaxValue, To = null, Data = new byte[100] });
        yield return ("legacy with long data", legacy with { ChainId = 1, Data = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray() });

        yield return ("type 1", new Transaction
        {
            Type = TransactionType.AccessList,
            ChainId = 1,
            Nonce = 1,
            GasPrice = 7,
            GasLimit = 100_000,
            To = To,
            Data = new byte[] { 1, 2, 0, 3 },
            AccessList = SampleAccessList,
        });
        var dynamicFee = new Transaction
        {
            Type = TransactionType.DynamicFee,
            ChainId = 1,
            Nonce = 0x1234,
            MaxPriorityFeePerGas = 2,
            MaxFeePerGas = new UInt256(0, 1), // 2^64: a multi-limb value
            GasLimit = 60_000,
            To = null,
            Value = UInt256.MaxValue,
            Data = new byte[] { 0x60, 0x00 },
            AccessList = SampleAccessList,
        };
        yield return ("type 2 creation", dynamicFee);
        yield return ("type 2 empty access list", dynamicFee with { To = To, AccessList = [] });
        yield return ("type 3", dynamicFee with
        {
            Type = TransactionType.Blob,
            To = To,
            MaxFeePerBlobGas = 3,
            BlobVersionedHashes = [Hash256.Parse("0x01" + new string('2', 62)), Hash256.Parse("0x01" + new string('3', 62))],
        });
        yield return ("type 4", dynamicFee with
        {
            Type = TransactionType.SetCode,
            To = To,
            AuthorizationList =
            [
                TransactionSigner.SignAuthorization(1, To, 0, Key),
                TransactionSigner.SignAuthorization(0, To, ulong.MaxValue - 1, Key),
            ],
        });
    }
}
