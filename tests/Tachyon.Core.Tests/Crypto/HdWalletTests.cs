using Tachyon.Core.Crypto.Hd;
using Tachyon.Core.Types;

namespace Tachyon.Core.Tests.Crypto;

public class HdWalletTests
{
    private const string TestMnemonic = "test test test test test test test test test test test junk";

    [Fact]
    public void TestMnemonicGivesTheHardhatAccounts()
    {
        var accounts = HdWallet.EthereumAccounts(TestMnemonic, 3);
        Assert.Equal(Address.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"), accounts[0].Address);
        Assert.Equal("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", Convert.ToHexStringLower(accounts[0].PrivateKey));
        Assert.Equal(Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"), accounts[1].Address);
        Assert.Equal("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", Convert.ToHexStringLower(accounts[1].PrivateKey));
        Assert.Equal(Address.Parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"), accounts[2].Address);
    }

    // BIP-32 test vector 1 (seed 000102...0f): private keys and chain codes along m/0H/1/2H.
    [Theory]
    [InlineData("m", "e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35", "873dff81c02f525623fd1fe5167eac3a55a049de3d314bb42ee227ffed37d508")]
    [InlineData("m/0'", "edb2e14f9ee77d26dd93b4ecede8d16ed408ce149b6cd80b0715a2d911a0afea", "47fdacbd0f1097043b78c63c20c34ef4ed9a111d980047ad16282c7ae6236141")]
    [InlineData("m/0'/1", "3c6cb8d0f6a264c91ea8b5030fadaa8e538b020f0a387421a12de9319dc93368", "2a7857631386ba23dacac34180dd1983734e444fdbf774041578e9b6adb37c19")]
    [InlineData("m/0h/1/2h", "cbce0d719ecf7431d88e6a89fa1483e02e35092af60c042b1df2ff59fa424dca", "04466b9cc8e161e966409ca52986c584f07e9dc81f735db683c3ff6ec7b1503f")]
    public void Bip32Vector1(string path, string key, string chainCode)
    {
        ExtendedKey k = HdWallet.DerivePath(Convert.FromHexString("000102030405060708090a0b0c0d0e0f"), path);
        Assert.Equal(key, Convert.ToHexStringLower(k.PrivateKey));
        Assert.Equal(chainCode, Convert.ToHexStringLower(k.ChainCode));
    }

    [Fact]
    public void Bip39SeedVector()
    {
        // BIP-39 reference vector: all-zero entropy, passphrase "TREZOR".
        byte[] seed = Bip39.ToSeed("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about", "TREZOR");
        Assert.Equal("c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04",
            Convert.ToHexStringLower(seed));
    }

    [Theory]
    [InlineData("test test test test test test test test test test test test", "checksum")]
    [InlineData("test test test test test test test test test test test", "12, 15, 18, 21 or 24 words")]
    [InlineData("test test test test test test test test test test test junky", "not in the BIP-39 English wordlist")]
    public void BadMnemonicsAreRejected(string mnemonic, string message)
    {
        var e = Assert.Throws<FormatException>(() => Bip39.ToSeed(mnemonic));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("44'/60'")]
    [InlineData("m/x")]
    [InlineData("m/2147483648")]
    public void BadPathsAreRejected(string path) =>
        Assert.Throws<FormatException>(() => HdWallet.DerivePath(new byte[16], path));
}
