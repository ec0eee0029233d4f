namespace Tachyon.Precompiles;

/// <summary>Gas helpers shared by the precompiles.</summary>
internal static class PrecompileGas
{
    /// <summary>baseCost + perWord * ceil(length / 32). Input spans are at most int.MaxValue long, so
    /// this cannot overflow a long.</summary>
    public static long Linear(int length, long baseCost, long perWord) => baseCost + perWord * (((long)length + 31) / 32);
}
