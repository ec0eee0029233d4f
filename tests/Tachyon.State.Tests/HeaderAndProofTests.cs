using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Rlp;
using Tachyon.Core.Trie;
using Tachyon.Core.Types;
using Tachyon.State.CrashChild;
using Tachyon.State.Storage;

namespace Tachyon.State.Tests;

public class HeaderAndProofTests
{
    private const int Seed = 5;

    /// <summary>A header RLP of [parent hash, state root]: the parent's header is always built first, so its hash is readable.</summary>
    private static EncodedHeader TestHeader(BlockRecord? parent, in Hash256 root)
    {
        byte[] rlp = Rlp.EncodeList([.. Rlp.Encode((parent?.Hash ?? Hash256.Zero).Bytes), .. Rlp.Encode(root.Bytes)]);
        return new EncodedHeader(rlp, Keccak256.Compute(rlp));
    }

    /// <summary>Commits the workload's blocks 0..count-1 with the records <paramref name="make"/> gives (number, parent record).</summary>
    private static List<BlockRecord> CommitBlocks(LayeredState state, int count, Func<ulong, BlockRecord?, BlockRecord> make)
    {
        var records = new List<BlockRecord>();
        for (ulong n = 0; n < (ulong)count; n++)
        {
            BlockRecord record = make(n, records.Count > 0 ? records[^1] : null);
            state.Commit(Workload.Block(Seed, n).Diff, record);
            records.Add(record);
        }
        return records;
    }

    /// <summary>A deferred header is built by the root stage with the block's root, in block order, and stored.</summary>
    [Fact]
    public async Task DeferredHeadersAreBuiltFromTheStateRootInBlockOrder()
    {
        using var dir = new TempDir();
        var built = new List<(ulong Block, Hash256 Root)>();
        List<BlockRecord> records;
        using (var state = LayeredState.Open(dir.Path, new LayeredStateOptions { Durability = DurabilityMode.Async }))
        {
            records = CommitBlocks(state, 6, (n, parent) =>
            {
                var record = new BlockRecord(n, root =>
                {
                    lock (built) built.Add((n, root));
                    return TestHeader(parent, root);
                }, [0xc0], [0xc0], []);
                Assert.False(record.HasHeader);
                return record;
            });
            var last = state.GetLayer(5)!;
            Hash256 root5 = await last.RootTask;
            Assert.Equal(Enumerable.Range(0, 6).Select(i => (ulong)i), built.Select(b => b.Block));
            Assert.Equal(root5, built[^1].Root);
            state.WaitForPersistence();
        }
        using (var reopened = LayeredState.Open(dir.Path))
        {
            Assert.Equal(records[^1].Hash, reopened.PersistedHead!.Value.BlockHash);
            byte[] header = reopened.GetHeader(3)!;
            Assert.Equal(records[3].Header, header);
            var fields = new RlpReader(header).ReadList();
            Assert.Equal(records[2].Hash, fields.ReadHash());
            Assert.Equal(built[3].Root, fields.ReadHash());
        }
    }

    /// <summary>
    /// A block built whole by the root stage: no body or receipts before its root (and none read
    /// back), then the built ones; once stored the record lets go of them and reads come from the
    /// database, also after a reopen.
    /// </summary>
    [Fact]
    public async Task DeferredBodiesAndReceiptsAreBuiltWithTheHeaderAndStored()
    {
        static byte[] Senders(ulong n) => Enumerable.Repeat((byte)(n + 1), 20).ToArray();
        using var dir = new TempDir();
        List<BlockRecord> records;
        using var gate = new ManualResetEventSlim(false);
        using (var state = LayeredState.Open(dir.Path, new LayeredStateOptions { Durability = DurabilityMode.Async }))
        {
            records = CommitBlocks(state, 4, (n, parent) => new BlockRecord(n, root =>
            {
                if (n == 3) gate.Wait(); // hold the last build to look at the record meanwhile
                // Odd blocks come with their senders (20 bytes per transaction), even ones without.
                return new BuiltBlock(TestHeader(parent, root), Rlp.Encode([(byte)n]), Rlp.Encode([(byte)(n + 100)]), n % 2 == 1 ? Senders(n) : null);
            }, [Keccak256.Compute([(byte)n])]));
            BlockRecord pending = records[3];
            Assert.False(pending.HasHeader);
            Assert.Null(pending.Body);
            Assert.Null(pending.Receipts);
            Assert.Null(pending.Senders);
            Assert.Null(state.GetBody(3));
            gate.Set();
            await state.GetLayer(3)!.RootTask;
            Assert.True(pending.HasHeader);
            Assert.Equal(Rlp.Encode([(byte)3]), state.GetBody(3)); // from the record or, once stored, the database
            Assert.Equal(Rlp.Encode([(byte)103]), state.GetReceipts(3));
            Assert.Equal(Senders(3), state.GetSenders(3));
            state.WaitForPersistence();
            Assert.NotNull(state.GetLayer(3)); // still in the history window...
            Assert.Null(pending.Body);          // ...but the stored encodings left the heap
            Assert.Null(pending.Receipts);
            Assert.Empty(pending.TransactionHashes);
            Assert.Null(pending.Senders);
            Assert.Equal(Senders(3), state.GetSenders(3));
            Assert.Equal(Rlp.Encode([(byte)3]), state.GetBody(3));
            Assert.Equal(Rlp.Encode([(byte)103]), state.GetReceipts(3));
            Assert.True(state.TryGetTransactionLocation(Keccak256.Compute([(byte)3]), out ulong where, out _));
            Assert.Equal(3ul, where);
        }
        using (var reopened = LayeredState.Open(dir.Path))
        {
            for (ulong n = 0; n < 4; n++)
            {
                Assert.Equal(records[(int)n].Header, reopened.GetHeader(n));
                Assert.Equal(Rlp.Encode([(byte)n]), reopened.GetBody(n));
                Assert.Equal(Rlp.Encode([(byte)(n + 100)]), reopened.GetReceipts(n));
                Assert.Equal(n % 2 == 1 ? Senders(n) : null, reopened.GetSenders(n));
                Assert.True(reopened.TryGetTransactionLocation(Keccak256.Compute([(byte)n]), out ulong at, out int index));
                Assert.Equal((n, 0), (at, index));
            }
        }
    }

    [Fact]
    public async Task ProofsFromTheStoredTriesVerifyBeforeAndAfterPersistence()
    {
        using var dir = new TempDir();
        using var state = LayeredState.Open(dir.Path, new LayeredStateOptions { Durability = DurabilityMode.Async, HistoryWindow = 16 });
        var model = new StateModel();
        for (ulong n = 0; n < 8; n++)
        {
            var (diff, block) = Workload.Block(Seed, n);
            state.Commit(diff, block);
            model.Apply(diff);
        }
        Hash256 root = await state.GetLayer(7)!.RootTask;
        void Check()
        {
            for (int i = 0; i < Workload.Pool; i += 3)
            {
                Address a = Workload.AddressOf(i);
                StateProof proof = state.GetProof(7, a, [0, 1, 2]);
                Assert.True(ProofVerifier.TryVerify(root, Keccak256.Compute(a.Bytes).Bytes, proof.AccountProof, out byte[]? leaf));
                Assert.Equal(model.Accounts.ContainsKey(a), leaf != null);
                if (proof.Account is not { } account) continue;
                Assert.Equal(model.Accounts[a].Balance, account.Balance);
                model.Storage.TryGetValue(a, out var slots);
                foreach (SlotProof s in proof.StorageProofs)
                {
                    UInt256 want = slots != null && slots.TryGetValue(s.Slot, out var v) ? v : UInt256.Zero;
                    Assert.Equal(want, s.Value);
                    Assert.True(ProofVerifier.TryVerify(account.StorageRoot, Keccak256.Compute(s.Slot.ToBigEndian()).Bytes, s.Proof, out _));
                }
            }
        }
        Check(); // nodes may still be in unpersisted layers
        state.WaitForPersistence();
        Check(); // now from RocksDB
        Assert.Throws<ArgumentOutOfRangeException>(() => state.GetProof(99, Workload.AddressOf(0), []));
    }
}
