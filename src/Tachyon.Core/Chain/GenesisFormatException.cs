namespace Tachyon.Core.Chain;

/// <summary>A genesis file that cannot be used; the message names the field and what is wrong with it.</summary>
public sealed class GenesisFormatException(string message, Exception? inner = null) : FormatException(message, inner);
