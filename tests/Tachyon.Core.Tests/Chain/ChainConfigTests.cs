using Tachyon.Core.Chain;
using Tachyon.Core.Numerics;

namespace Tachyon.Core.Tests.Chain;

public class ChainConfigTests
{
    private static ChainConfig AllBlockForksAtZero(ulong? shanghai, ulong? cancun, ulong? prague, UInt256? ttd = null) => new()
    {
        ChainId = 7,
        HomesteadBlock = 0, Eip150Block = 0, Eip155Block = 0, Eip158Block = 0, ByzantiumBlock = 0,
        ConstantinopleBlock = 0, PetersburgBlock = 0, IstanbulBlock = 0, BerlinBlock = 0, LondonBlock = 0,
        TerminalTotalDifficulty = ttd ?? UInt256.Zero,
        ShanghaiTime = shanghai, CancunTime = cancun, PragueTime = prague,
    };

    [Fact]
    public void ForkActivationByTimestamp()
    {
        ChainConfig config = AllBlockForksAtZero(0, 100, 200);
        config.Validate();
        Assert.Equal(Fork.Shanghai, config.GetFork(0, 0));
        Assert.Equal(Fork.Shanghai, config.GetFork(5, 99));
        Assert.Equal(Fork.Cancun, config.GetFork(5, 100));
        Assert.Equal(Fork.Cancun, config.GetFork(5, 199));
        Assert.Equal(Fork.Prague, config.GetFork(5, 200));
        Assert.Equal(Fork.Prague, config.GetFork(5, ulong.MaxValue));
        Assert.True(config.IsActive(Fork.London, 0, 150));
        Assert.True(config.IsActive(Fork.Cancun, 0, 150));
        Assert.False(config.IsActive(Fork.Prague, 0, 150));
    }

    [Fact]
    public void MergedAtGenesisWithoutTimeForksIsParis()
    {
        Assert.Equal(Fork.Paris, AllBlockForksAtZero(null, null, null).GetFork(10, 10));
        // A TTD still ahead cannot be placed by number/time: the block forks decide.
        Assert.Equal(Fork.London, AllBlockForksAtZero(null, null, null, ttd: 1000UL).GetFork(10, 10));
        ChainConfig netsplit = new() { ChainId = 1, HomesteadBlock = 0, Eip150Block = 0, Eip158Block = 0, ByzantiumBlock = 0, ConstantinopleBlock = 0, IstanbulBlock = 0, BerlinBlock = 0, LondonBlock = 0, MergeNetsplitBlock = 50 };
        Assert.Equal(Fork.London, netsplit.GetFork(49, 0));
        Assert.Equal(Fork.Paris, netsplit.GetFork(50, 0));
    }

    [Fact]
    public void MainnetBlockForks()
    {
        var mainnet = new ChainConfig
        {
            ChainId = 1, HomesteadBlock = 1_150_000, Eip150Block = 2_463_000, Eip155Block = 2_675_000, Eip158Block = 2_675_000,
            ByzantiumBlock = 4_370_000, ConstantinopleBlock = 7_280_000, IstanbulBlock = 9_069_000,
            MuirGlacierBlock = 9_200_000, BerlinBlock = 12_244_000, LondonBlock = 12_965_000, ArrowGlacierBlock = 13_773_000,
            GrayGlacierBlock = 15_050_000, TerminalTotalDifficulty = UInt256.FromBigEndian(System.Numerics.BigInteger.Parse("58750000000000000000000").ToByteArray(true, true)),
            ShanghaiTime = 1_681_338_455, CancunTime = 1_710_338_135, PragueTime = 1_746_612_311,
        };
        mainnet.Validate();
        Assert.Equal(Fork.Frontier, mainnet.GetFork(1_149_999, 0));
        Assert.Equal(Fork.Homestead, mainnet.GetFork(1_150_000, 0));
        Assert.Equal(Fork.Petersburg, mainnet.GetFork(7_280_000, 0)); // unset Petersburg follows Constantinople
        Assert.Equal(Fork.Byzantium, mainnet.GetFork(7_279_999, 0));
        Assert.Equal(Fork.Berlin, mainnet.GetFork(12_964_999, 1_600_000_000));
        Assert.Equal(Fork.GrayGlacier, mainnet.GetFork(15_537_393, 1_663_224_162));
        Assert.Equal(Fork.Shanghai, mainnet.GetFork(17_034_870, 1_681_338_455));
        Assert.Equal(Fork.Cancun, mainnet.GetFork(19_426_587, 1_710_338_135));
        Assert.Equal(Fork.Prague, mainnet.GetFork(22_431_084, 1_746_612_311));
        // A time fork cannot take effect while London has not (timestamps alone are not enough).
        Assert.Equal(Fork.MuirGlacier, mainnet.GetFork(12_000_000, 1_746_612_311));
    }

    [Fact]
    public void BlobScheduleDefaults()
    {
        ChainConfig config = AllBlockForksAtZero(0, 0, 0);
        Assert.Equal(BlobScheduleEntry.Cancun, config.GetBlobSchedule(Fork.Cancun));
        Assert.Equal(new BlobScheduleEntry(6, 9, 5_007_716), config.GetBlobSchedule(Fork.Prague));
        Assert.Throws<ArgumentOutOfRangeException>(() => config.GetBlobSchedule(Fork.Shanghai));
    }

    [Fact]
    public void ValidateRejectsOutOfOrderForks()
    {
        var e = Assert.Throws<InvalidOperationException>(() => AllBlockForksAtZero(100, 50, null).Validate());
        Assert.Equal("cancunTime (50) comes before shanghaiTime (100)", e.Message);
        e = Assert.Throws<InvalidOperationException>(() => AllBlockForksAtZero(null, 0, null).Validate());
        Assert.Equal("cancunTime is set but the earlier fork shanghaiTime is not", e.Message);
        var blocks = new ChainConfig { ChainId = 1, HomesteadBlock = 10, Eip150Block = 5 };
        e = Assert.Throws<InvalidOperationException>(blocks.Validate);
        Assert.Equal("eip150Block (5) comes before homesteadBlock (10)", e.Message);
        new ChainConfig { ChainId = 1 }.Validate(); // Frontier-only is fine
    }
}
