using System.Text.Json;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Load.Chain;
using Tachyon.Load.Load;
using Tachyon.Workloads.Contracts;

namespace Tachyon.Load.Tests;

/// <summary>Pre-signed request bodies decode to the intended transactions and recover to the right senders.</summary>
public class PresignedTests
{
    private static readonly Address Token = Address.Parse("0x5fbdb2315678afecb367f032d93f642f64180aa3");

    private static Transaction DecodeBody(byte[] body, out string method, out long id)
    {
        using JsonDocument d = JsonDocument.Parse(body);
        method = d.RootElement.GetProperty("method").GetString()!;
        id = d.RootElement.GetProperty("id").GetInt64();
        return TransactionDecoder.Decode(Hex.FromHex(d.RootElement.GetProperty("params")[0].GetString()));
    }

    [Theory]
    [InlineData(WorkloadKind.Transfer, false)]
    [InlineData(WorkloadKind.Transfer, true)]
    [InlineData(WorkloadKind.Erc20, false)]
    [InlineData(WorkloadKind.Swap, false)]
    public void Every_transaction_is_the_workload_call_of_its_account_in_nonce_order(WorkloadKind kind, bool legacy)
    {
        LoadAccount[] accounts = LoadAccount.Derive(seed: 99, count: 4);
        accounts[2].Nonce = 7; // an account that already sent transactions
        var fees = legacy ? new FeePlan(true, 5_000, 5_000, 5_000) : new FeePlan(false, default, 30_000, 2_000);
        var w = new Workload(kind, accounts, kind == WorkloadKind.Transfer ? null : Token);
        Presigned txs = Presigned.Sign(fees, 31337, accounts, w, rounds: 3, "eth_sendRawTransactionSync");

        Assert.Equal(12, txs.Count);
        for (int j = 0; j < txs.Count; j++)
        {
            Transaction tx = DecodeBody(txs.Bodies[j], out string method, out long id);
            LoadAccount from = accounts[j % 4];
            Assert.Equal("eth_sendRawTransactionSync", method);
            Assert.Equal(j, id);
            Assert.True(SenderRecovery.TryRecoverSender(tx, out Address sender, out string error), error);
            Assert.Equal(from.Address, sender);
            Assert.Equal(from.Nonce + (ulong)(j / 4), tx.Nonce);
            Assert.Equal(31337UL, tx.ChainId);
            Assert.Equal(txs.Hashes[j], tx.Hash);
            Assert.Equal(j, txs.IndexOf(tx.Hash));
            Assert.Equal(legacy ? TransactionType.Legacy : TransactionType.DynamicFee, tx.Type);
            Assert.Equal(fees.MaxFeeCap, tx.MaxFeeCap);
            Address next = accounts[(j % 4 + 1) % 4].Address;
            if (kind == WorkloadKind.Transfer)
            {
                Assert.Equal(next, tx.To);
                Assert.Equal(UInt256.One, tx.Value);
                Assert.Equal(21_000UL, tx.GasLimit);
                Assert.True(tx.Data.IsEmpty);
            }
            else
            {
                Assert.Equal(Token, tx.To);
                Assert.True(tx.Value.IsZero);
                byte[] expected = kind == WorkloadKind.Erc20
                    ? Erc20.TransferData(next, UInt256.One)
                    : ConstantProductAmm.SwapData(j % 4 % Workload.SwapPools, 1_000_000, oneForZero: j % 4 % 2 == 1);
                Assert.Equal(expected, tx.Data.ToArray());
                Assert.Equal(w.GasLimit, tx.GasLimit);
            }
        }
        Assert.Equal(-1, txs.IndexOf(default));
    }

    [Fact]
    public void Derived_accounts_are_deterministic_per_seed_and_distinct()
    {
        LoadAccount[] a = LoadAccount.Derive(1, 50), b = LoadAccount.Derive(1, 50), c = LoadAccount.Derive(2, 50);
        Assert.Equal(a.Select(x => x.Address), b.Select(x => x.Address));
        Assert.Equal(50, a.Select(x => x.Address).Concat(c.Select(x => x.Address)).Distinct().Count() / 2);
    }

    [Fact]
    public void Dev_key_0_is_the_well_known_dev_account() =>
        Assert.Equal(Address.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"), new LoadAccount(LoadAccount.DevKey0).Address);
}
