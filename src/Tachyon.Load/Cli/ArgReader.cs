using System.Globalization;

namespace Tachyon.Load.Cli;

/// <summary>Thrown for a bad command line; the command prints the message and exits with code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// Walks `--name value` / `--flag` arguments. Every value is checked here, so a bad command line
/// fails before anything is sent to a node.
/// </summary>
internal sealed class ArgReader(string command, string[] args)
{
    private int _i = -1;

    public string Current => args[_i];

    public bool Next()
    {
        _i++;
        return _i < args.Length;
    }

    public string Value()
    {
        string name = args[_i];
        if (_i + 1 >= args.Length) throw new UsageException($"{name} needs a value");
        return args[++_i];
    }

    public long Long(long min, long max)
    {
        string name = args[_i];
        string v = Value();
        if (!long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) || n < min || n > max)
            throw new UsageException($"{name} must be an integer from {min} to {max}, not '{v}'");
        return n;
    }

    public int Int(int min, int max) => (int)Long(min, max);

    public double Double(double min, double max)
    {
        string name = args[_i];
        string v = Value();
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || !(d >= min && d <= max))
            throw new UsageException($"{name} must be a number from {min} to {max}, not '{v}'");
        return d;
    }

    /// <summary>An http(s):// or ws(s):// URL.</summary>
    public Uri Url()
    {
        string name = args[_i];
        string v = Value();
        if (!Uri.TryCreate(v, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https" or "ws" or "wss"))
            throw new UsageException($"{name} must be an http://, https://, ws:// or wss:// URL, not '{v}'");
        return uri;
    }

    /// <summary>A 32-byte hex private key.</summary>
    public byte[] Key()
    {
        string name = args[_i];
        string v = Value();
        if (!Tachyon.Core.Types.Hex.TryFromHex(v, out byte[]? key) || key.Length != 32)
            throw new UsageException($"{name} must be a 32-byte hex private key (0x + 64 hex digits)");
        try
        {
            Tachyon.Core.Crypto.Secp256k1.GetAddress(key);
        }
        catch (ArgumentException)
        {
            throw new UsageException($"{name} is not a valid secp256k1 private key");
        }
        return key;
    }

    public UsageException Unknown() => new($"unknown option '{args[_i]}' (see tachyon {command} --help)");
}
