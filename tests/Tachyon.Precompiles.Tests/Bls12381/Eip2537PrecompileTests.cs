using System.Numerics;
using Tachyon.Core.Types;
using Tachyon.Precompiles.Bls12381;
using static Tachyon.Precompiles.Tests.Bls12381.TestData;

namespace Tachyon.Precompiles.Tests.Bls12381;

/// <summary>EIP-2537 precompiles, with vectors from the EIP's assets/eip-2537 folder.</summary>
public class Eip2537PrecompileTests
{
    private const string G1 = "0000000000000000000000000000000017f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb0000000000000000000000000000000008b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1";
    private const string NegG1 = "0000000000000000000000000000000017f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb00000000000000000000000000000000114d1d6855d545a8aa7d76c8cf2e21f267816aef1db507c96655b9d5caac42364e6f38ba0ecb751bad54dcd6b939c2ca";
    private const string P1 = "00000000000000000000000000000000112b98340eee2777cc3c14163dea3ec97977ac3dc5c70da32e6e87578f44912e902ccef9efe28d4a78b8999dfbca942600000000000000000000000000000000186b28d92356c4dfec4b5201ad099dbdede3781f8998ddf929b4cd7756192185ca7b8f4ef7088f813270ac3d48868a21";
    private const string G1PlusP1 = "000000000000000000000000000000000a40300ce2dec9888b60690e9a41d3004fda4886854573974fab73b046d3147ba5b7a5bde85279ffede1b45b3918d82d0000000000000000000000000000000006d3d887e9f53b9ec4eb6cedf5607226754b07c01ace7834f57f3e7315faefb739e59018e22c492006190fba4a870025";
    private const string TwoG1 = "000000000000000000000000000000000572cbea904d67468808c8eb50a9450c9721db309128012543902d0ac358a62ae28f75bb8f1c7c42c39a8c5529bf0f4e00000000000000000000000000000000166a9d8cabc673a322fda673779d8e3822ba3ecb8670e461f73bb9021d5fd76a4c56d9d4cd16bd1bba86881979749d28";
    private const string G2 = "00000000000000000000000000000000024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb80000000000000000000000000000000013e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e000000000000000000000000000000000ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801000000000000000000000000000000000606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be";
    private const string NegG2 = "00000000000000000000000000000000024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb80000000000000000000000000000000013e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e000000000000000000000000000000000d1b3cc2c7027888be51d9ef691d77bcb679afda66c73f17f9ee3837a55024f78c71363275a75d75d86bab79f74782aa0000000000000000000000000000000013fa4d4a0ad8b1ce186ed5061789213d993923066dddaf1040bc3ff59f825c78df74f2d75467e25e0f55f8a00fa030ed";
    private static readonly string ZeroG1 = new('0', 256);
    private static readonly string ZeroG2 = new('0', 512);

    private static byte[] B(string hex) => Hex.FromHex(hex);
    private static string Scalar(BigInteger k) => Hex.ToHex(ScalarBytes(k), false);

    private static string Run(Func<byte[], (bool, byte[])> run, string input)
    {
        (bool ok, byte[] output) = run(B(input));
        Assert.True(ok, "precompile failed");
        return Hex.ToHex(output, false);
    }

    private static (bool, byte[]) G1Add(byte[] i) => (G1AddPrecompile.Instance.TryRun(i, out byte[] o), o);
    private static (bool, byte[]) G2Add(byte[] i) => (G2AddPrecompile.Instance.TryRun(i, out byte[] o), o);
    private static (bool, byte[]) G1Msm(byte[] i) => (G1MsmPrecompile.Instance.TryRun(i, out byte[] o), o);
    private static (bool, byte[]) G2Msm(byte[] i) => (G2MsmPrecompile.Instance.TryRun(i, out byte[] o), o);
    private static (bool, byte[]) Pairing(byte[] i) => (PairingCheckPrecompile.Instance.TryRun(i, out byte[] o), o);

    [Fact]
    public void AddressesAndFixedGas()
    {
        Assert.Equal(Address.Parse("0x000000000000000000000000000000000000000b"), G1AddPrecompile.Instance.Address);
        Assert.Equal(Address.Parse("0x000000000000000000000000000000000000000c"), G1MsmPrecompile.Instance.Address);
        Assert.Equal(Address.Parse("0x000000000000000000000000000000000000000d"), G2AddPrecompile.Instance.Address);
        Assert.Equal(Address.Parse("0x000000000000000000000000000000000000000e"), G2MsmPrecompile.Instance.Address);
        Assert.Equal(Address.Parse("0x000000000000000000000000000000000000000f"), PairingCheckPrecompile.Instance.Address);
        Assert.Equal(Address.Parse("0x0000000000000000000000000000000000000010"), MapFpToG1Precompile.Instance.Address);
        Assert.Equal(Address.Parse("0x0000000000000000000000000000000000000011"), MapFp2ToG2Precompile.Instance.Address);
        Assert.Equal(375, G1AddPrecompile.Instance.RequiredGas(new byte[256]));
        Assert.Equal(600, G2AddPrecompile.Instance.RequiredGas(new byte[512]));
        Assert.Equal(5500, MapFpToG1Precompile.Instance.RequiredGas(new byte[64]));
        Assert.Equal(23800, MapFp2ToG2Precompile.Instance.RequiredGas(new byte[128]));
    }

    [Theory]
    [InlineData(1, 12000, 22500)]
    [InlineData(2, 22776, 45000)]
    [InlineData(3, 30528, 62302)]
    [InlineData(128, 797184, 1509120)]
    [InlineData(129, 803412, 1520910)]
    [InlineData(1000, 6228000, 11790000)]
    public void MsmGasFollowsTheDiscountTables(int k, long g1Gas, long g2Gas)
    {
        Assert.Equal(g1Gas, G1MsmPrecompile.Instance.RequiredGas(new byte[160 * k]));
        Assert.Equal(g2Gas, G2MsmPrecompile.Instance.RequiredGas(new byte[288 * k]));
        Assert.Equal(0, G1MsmPrecompile.Instance.RequiredGas([]));
    }

    [Theory]
    [InlineData(1, 70300)]
    [InlineData(2, 102900)]
    [InlineData(3, 135500)]
    public void PairingGas(int k, long gas) => Assert.Equal(gas, PairingCheckPrecompile.Instance.RequiredGas(new byte[384 * k]));

    [Fact]
    public void G1AddVectors()
    {
        Assert.Equal(G1PlusP1, Run(G1Add, G1 + P1));
        Assert.Equal(G1PlusP1, Run(G1Add, P1 + G1));
        Assert.Equal(G1, Run(G1Add, G1 + ZeroG1));
        Assert.Equal(ZeroG1, Run(G1Add, G1 + NegG1));
        Assert.Equal(TwoG1, Run(G1Add, G1 + G1));
    }

    [Fact]
    public void G1MsmMatchesAdditionAndScalarMultiplication()
    {
        Assert.Equal(TwoG1, Run(G1Msm, G1 + Scalar(2)));
        Assert.Equal(G1PlusP1, Run(G1Msm, G1 + Scalar(1) + P1 + Scalar(1)));
        Assert.Equal(ZeroG1, Run(G1Msm, G1 + Scalar(0)));
        Assert.Equal(ZeroG1, Run(G1Msm, G1 + Scalar(R)));
        Assert.Equal(G1, Run(G1Msm, G1 + Scalar(R + 1)));
        Assert.Equal(ZeroG1, Run(G1Msm, ZeroG1 + Scalar(5)));
        // An unreduced 256-bit scalar acts as its value mod r.
        BigInteger big = BigInteger.Pow(2, 256) - 1;
        string expected = Hex.ToHex(Eip2537Codec.EncodeG1(Mul(Tachyon.Precompiles.Bls12381.G1.Generator, big % R)), false);
        Assert.Equal(expected, Run(G1Msm, G1 + Scalar(big)));
    }

    [Fact]
    public void G1MsmOfManyRandomTermsMatchesTheSum()
    {
        var rng = new Random(60);
        var input = new List<byte>();
        JacobianPoint<Fp> sum = JacobianPoint<Fp>.Infinity;
        for (int i = 0; i < 20; i++)
        {
            AffinePoint<Fp> p = RandomG1(rng);
            BigInteger k = RandomScalar(rng);
            input.AddRange(Eip2537Codec.EncodeG1(p));
            input.AddRange(ScalarBytes(k));
            sum += Mul(p, k).ToJacobian();
        }
        Assert.True(G1MsmPrecompile.Instance.TryRun(input.ToArray(), out byte[] output));
        Assert.Equal(Eip2537Codec.EncodeG1(sum.ToAffine()), output);
    }

    [Fact]
    public void G2AddAndMsm()
    {
        string twoG2 = Hex.ToHex(Eip2537Codec.EncodeG2(Mul(Tachyon.Precompiles.Bls12381.G2.Generator, 2)), false);
        Assert.Equal(twoG2, Run(G2Add, G2 + G2));
        Assert.Equal(twoG2, Run(G2Msm, G2 + Scalar(2)));
        Assert.Equal(ZeroG2, Run(G2Add, G2 + NegG2));
        Assert.Equal(G2, Run(G2Add, ZeroG2 + G2));
        Assert.Equal(twoG2, Run(G2Msm, G2 + Scalar(3) + NegG2 + Scalar(1)));
    }

    [Fact]
    public void PairingVectors()
    {
        const string one = "0000000000000000000000000000000000000000000000000000000000000001";
        const string zero = "0000000000000000000000000000000000000000000000000000000000000000";
        Assert.Equal(one, Run(Pairing, ZeroG1 + ZeroG2));
        Assert.Equal(one, Run(Pairing, ZeroG1 + G2));
        Assert.Equal(zero, Run(Pairing, G1 + G2));                                 // non-degeneracy
        Assert.Equal(one, Run(Pairing, G1 + G2 + G1 + NegG2));                      // e(G1,G2)·e(G1,-G2)
        Assert.Equal(one, Run(Pairing, G1 + G2 + P1 + G2 + G1PlusP1 + NegG2));      // bilinearity
        Assert.Equal(zero, Run(Pairing, ZeroG1 + NegG2 + NegG1 + G2));
    }

    [Theory]
    [InlineData("00000000000000000000000000000000156c8a6a2c184569d69a76be144b5cdc5141d2d2ca4fe341f011e25e3969c55ad9e9b9ce2eb833c81a908e5fa4ac5f03",
        "00000000000000000000000000000000184bb665c37ff561a89ec2122dd343f20e0f4cbcaec84e3c3052ea81d1834e192c426074b02ed3dca4e7676ce4ce48ba0000000000000000000000000000000004407b8d35af4dacc809927071fc0405218f1401a6d15af775810e4e460064bcc9468beeba82fdc751be70476c888bf3")]
    [InlineData("00000000000000000000000000000000147e1ed29f06e4c5079b9d14fc89d2820d32419b990c1c7bb7dbea2a36a045124b31ffbde7c99329c05c559af1c6cc82",
        "00000000000000000000000000000000009769f3ab59bfd551d53a5f846b9984c59b97d6842b20a2c565baa167945e3d026a3755b6345df8ec7e6acb6868ae6d000000000000000000000000000000001532c00cf61aa3d0ce3e5aa20c3b531a2abd2c770a790a2613818303c6b830ffc0ecf6c357af3317b9575c567f11cd2c")]
    [InlineData("0000000000000000000000000000000004090815ad598a06897dd89bcda860f25837d54e897298ce31e6947378134d3761dc59a572154963e8c954919ecfa82d",
        "000000000000000000000000000000001974dbb8e6b5d20b84df7e625e2fbfecb2cdb5f77d5eae5fb2955e5ce7313cae8364bc2fff520a6c25619739c6bdcb6a0000000000000000000000000000000015f9897e11c6441eaa676de141c8d83c37aab8667173cbe1dfd6de74d11861b961dccebcd9d289ac633455dfcc7013a3")]
    [InlineData("0000000000000000000000000000000008dccd088ca55b8bfbc96fb50bb25c592faa867a8bb78d4e94a8cc2c92306190244532e91feba2b7fed977e3c3bb5a1f",
        "000000000000000000000000000000000a7a047c4a8397b3446450642c2ac64d7239b61872c9ae7a59707a8f4f950f101e766afe58223b3bff3a19a7f754027c000000000000000000000000000000001383aebba1e4327ccff7cf9912bda0dbc77de048b71ef8c8a81111d71dc33c5e3aa6edee9cf6f5fe525d50cc50b77cc9")]
    [InlineData("000000000000000000000000000000000dd824886d2123a96447f6c56e3a3fa992fbfefdba17b6673f9f630ff19e4d326529db37e1c1be43f905bf9202e0278d",
        "000000000000000000000000000000000e7a16a975904f131682edbb03d9560d3e48214c9986bd50417a77108d13dc957500edf96462a3d01e62dc6cd468ef11000000000000000000000000000000000ae89e677711d05c30a48d6d75e76ca9fb70fe06c6dd6ff988683d89ccde29ac7d46c53bb97a59b1901abf1db66052db")]
    public void MapFpToG1Vectors(string input, string expected) =>
        Assert.Equal(expected, Run(i => (MapFpToG1Precompile.Instance.TryRun(i, out byte[] o), o), input));

    [Theory]
    [InlineData("0000000000000000000000000000000007355d25caf6e7f2f0cb2812ca0e513bd026ed09dda65b177500fa31714e09ea0ded3a078b526bed3307f804d4b93b040000000000000000000000000000000002829ce3c021339ccb5caf3e187f6370e1e2a311dec9b75363117063ab2015603ff52c3d3b98f19c2f65575e99e8b78c",
        "0000000000000000000000000000000000e7f4568a82b4b7dc1f14c6aaa055edf51502319c723c4dc2688c7fe5944c213f510328082396515734b6612c4e7bb700000000000000000000000000000000126b855e9e69b1f691f816e48ac6977664d24d99f8724868a184186469ddfd4617367e94527d4b74fc86413483afb35b000000000000000000000000000000000caead0fd7b6176c01436833c79d305c78be307da5f6af6c133c47311def6ff1e0babf57a0fb5539fce7ee12407b0a42000000000000000000000000000000001498aadcf7ae2b345243e281ae076df6de84455d766ab6fcdaad71fab60abb2e8b980a440043cd305db09d283c895e3d")]
    [InlineData("00000000000000000000000000000000138879a9559e24cecee8697b8b4ad32cced053138ab913b99872772dc753a2967ed50aabc907937aefb2439ba06cc50c000000000000000000000000000000000a1ae7999ea9bab1dcc9ef8887a6cb6e8f1e22566015428d220b7eec90ffa70ad1f624018a9ad11e78d588bd3617f9f2",
        "00000000000000000000000000000000108ed59fd9fae381abfd1d6bce2fd2fa220990f0f837fa30e0f27914ed6e1454db0d1ee957b219f61da6ff8be0d6441f000000000000000000000000000000000296238ea82c6d4adb3c838ee3cb2346049c90b96d602d7bb1b469b905c9228be25c627bffee872def773d5b2a2eb57d00000000000000000000000000000000033f90f6057aadacae7963b0a0b379dd46750c1c94a6357c99b65f63b79e321ff50fe3053330911c56b6ceea08fee65600000000000000000000000000000000153606c417e59fb331b7ae6bce4fbf7c5190c33ce9402b5ebe2b70e44fca614f3f1382a3625ed5493843d0b0a652fc3f")]
    public void MapFp2ToG2Vectors(string input, string expected) =>
        Assert.Equal(expected, Run(i => (MapFp2ToG2Precompile.Instance.TryRun(i, out byte[] o), o), input));

    [Fact]
    public void RejectsBadLengthsAndEncodings()
    {
        // Lengths, including the empty input the variable-length calls must refuse.
        Assert.False(G1AddPrecompile.Instance.TryRun(B(G1 + G1)[..255], out _));
        Assert.False(G2AddPrecompile.Instance.TryRun(B(G2 + G2 + "00"), out _));
        Assert.False(G1MsmPrecompile.Instance.TryRun([], out _));
        Assert.False(G2MsmPrecompile.Instance.TryRun([], out _));
        Assert.False(PairingCheckPrecompile.Instance.TryRun([], out _));
        Assert.False(G1MsmPrecompile.Instance.TryRun(B(G1 + Scalar(1) + "00"), out _));
        Assert.False(MapFpToG1Precompile.Instance.TryRun(new byte[63], out _));
        Assert.False(MapFp2ToG2Precompile.Instance.TryRun(new byte[129], out _));

        // A nonzero byte in the 16 padding bytes, and x = p.
        byte[] padded = B(G1 + G1);
        padded[15] = 1;
        Assert.False(G1AddPrecompile.Instance.TryRun(padded, out _));
        string p = "00000000000000000000000000000000" + "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab";
        Assert.False(MapFpToG1Precompile.Instance.TryRun(B(p), out _));
        Assert.False(G1AddPrecompile.Instance.TryRun(B(p + G1[128..] + G1), out _));

        // (1, 2) is not on the curve.
        string notOnCurve = Hex.ToHex(new byte[63], false) + "01" + Hex.ToHex(new byte[63], false) + "02";
        Assert.False(G1AddPrecompile.Instance.TryRun(B(notOnCurve + G1), out _));
    }

    [Fact]
    public void SubgroupChecksApplyToMsmAndPairingButNotAdd()
    {
        var rng = new Random(61);
        string offG1 = Hex.ToHex(Eip2537Codec.EncodeG1(RandomCurvePointG1(rng)), false);
        string offG2 = Hex.ToHex(Eip2537Codec.EncodeG2(RandomCurvePointG2(rng)), false);
        Assert.True(G1AddPrecompile.Instance.TryRun(B(offG1 + G1), out _));
        Assert.True(G2AddPrecompile.Instance.TryRun(B(offG2 + G2), out _));
        Assert.False(G1MsmPrecompile.Instance.TryRun(B(offG1 + Scalar(1)), out _));
        Assert.False(G2MsmPrecompile.Instance.TryRun(B(offG2 + Scalar(1)), out _));
        Assert.False(PairingCheckPrecompile.Instance.TryRun(B(offG1 + G2), out _));
        Assert.False(PairingCheckPrecompile.Instance.TryRun(B(G1 + offG2), out _));
    }
}
