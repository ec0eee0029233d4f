namespace Tachyon.Core.Rlp;

/// <summary>Malformed or non-canonical RLP. Thrown only on bad input, never for control flow.</summary>
public sealed class RlpException(string message) : FormatException(message);
