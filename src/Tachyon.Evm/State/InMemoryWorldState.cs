using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Trie;
using Tachyon.Core.Types;

namespace Tachyon.Evm.State;

/// <summary>
/// A dictionary-backed world state (tests, the statetest runner). Computes the state root with
/// the secure trie: account RLP [nonce, balance, storageRoot, codeHash].
/// </summary>
public sealed class InMemoryWorldState : IWorldState
{
    private sealed class Account
    {
        public ulong Nonce;
        public UInt256 Balance;
        public Hash256 CodeHash = Hash256.EmptyKeccak;
        public Dictionary<UInt256, UInt256> Storage = new();
    }

    private readonly Dictionary<Address, Account> _accounts = new();
    private readonly Dictionary<Hash256, byte[]> _code = new();

    public IEnumerable<Address> Addresses => _accounts.Keys;

    /// <summary>Creates or replaces an account (genesis / pre-state setup).</summary>
    public void SetAccount(in Address address, ulong nonce, in UInt256 balance, byte[] code, IEnumerable<KeyValuePair<UInt256, UInt256>>? storage = null)
    {
        var a = new Account { Nonce = nonce, Balance = balance };
        if (code.Length > 0)
        {
            a.CodeHash = Keccak256.Compute(code);
            _code[a.CodeHash] = code;
        }
        if (storage != null)
            foreach (var kv in storage)
                if (!kv.Value.IsZero) a.Storage[kv.Key] = kv.Value;
        _accounts[address] = a;
    }

    public bool TryGetAccount(in Address address, out AccountData account)
    {
        if (_accounts.TryGetValue(address, out Account? a))
        {
            account = new AccountData(a.Nonce, a.Balance, a.CodeHash);
            return true;
        }
        account = default;
        return false;
    }

    public byte[] GetCode(in Address address, in Hash256 codeHash) =>
        codeHash == Hash256.EmptyKeccak ? [] : _code.TryGetValue(codeHash, out byte[]? c) ? c : [];

    public UInt256 GetStorage(in Address address, in UInt256 slot) =>
        _accounts.TryGetValue(address, out Account? a) && a.Storage.TryGetValue(slot, out UInt256 v) ? v : default;

    public bool HasStorage(in Address address) => _accounts.TryGetValue(address, out Account? a) && a.Storage.Count > 0;

    public IReadOnlyDictionary<UInt256, UInt256> GetAllStorage(in Address address) =>
        _accounts.TryGetValue(address, out Account? a) ? a.Storage : new Dictionary<UInt256, UInt256>();

    public void Commit(StateWriteSet writes)
    {
        foreach (AccountWrite w in writes.Accounts)
        {
            if (w.Deleted)
            {
                _accounts.Remove(w.Address);
                continue;
            }
            if (!_accounts.TryGetValue(w.Address, out Account? a))
            {
                a = new Account();
                _accounts[w.Address] = a;
            }
            if (w.IsBalanceCredit)
            {
                a.Balance = a.Balance + w.Balance;
                continue;
            }
            a.Nonce = w.Nonce;
            a.Balance = w.Balance;
            a.CodeHash = w.CodeHash;
            if (w.Code is { Length: > 0 }) _code[w.CodeHash] = w.Code;
            if (w.StorageCleared) a.Storage.Clear();
            foreach (var kv in w.Storage)
            {
                if (kv.Value.IsZero) a.Storage.Remove(kv.Key);
                else a.Storage[kv.Key] = kv.Value;
            }
        }
    }

    /// <summary>The state root: secure trie of account RLPs, each with its storage trie root.</summary>
    public Hash256 ComputeStateRoot()
    {
        var accounts = new SecureTrie();
        Span<byte> key = stackalloc byte[32];
        foreach (var (address, a) in _accounts)
        {
            Hash256 storageRoot = Hash256.EmptyTrieRoot;
            if (a.Storage.Count > 0)
            {
                var storage = new SecureTrie();
                foreach (var (slot, value) in a.Storage)
                {
                    slot.WriteBigEndian(key);
                    storage.Set(key, EncodeStorageValue(value));
                }
                storageRoot = storage.RootHash;
            }
            Address addr = address;
            accounts.Set(addr.Bytes, new TrieAccount(a.Nonce, a.Balance, storageRoot, a.CodeHash).Encode());
        }
        return accounts.RootHash;
    }

    private static byte[] EncodeStorageValue(in UInt256 value)
    {
        // Storage values are stored as the RLP of the minimal big-endian integer.
        int len = Tachyon.Core.Rlp.Rlp.LengthOf(value);
        var buf = new byte[len];
        var w = new Tachyon.Core.Rlp.RlpWriter(buf);
        w.WriteUInt256(value);
        return buf;
    }
}
