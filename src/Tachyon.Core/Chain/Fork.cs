namespace Tachyon.Core.Chain;

/// <summary>
/// Mainnet hard forks in activation order, so later forks compare greater. Tachyon executes
/// Cancun and Prague; the earlier ones exist so configs and headers can name them.
/// </summary>
public enum Fork
{
    Frontier,
    Homestead,
    TangerineWhistle,
    SpuriousDragon,
    Byzantium,
    Constantinople,
    Petersburg,
    Istanbul,
    MuirGlacier,
    Berlin,
    London,
    ArrowGlacier,
    GrayGlacier,
    Paris,
    Shanghai,
    Cancun,
    Prague,
}
