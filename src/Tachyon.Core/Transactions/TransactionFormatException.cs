namespace Tachyon.Core.Transactions;

/// <summary>Bytes that are not a well-formed, canonical transaction encoding.</summary>
public sealed class TransactionFormatException(string message) : FormatException(message);
