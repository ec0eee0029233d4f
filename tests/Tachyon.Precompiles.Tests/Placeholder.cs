namespace Tachyon.Precompiles.Tests; public class SmokeTests { [Fact] public void ProjectLoads() => Assert.NotNull(typeof(SmokeTests).Assembly); }
