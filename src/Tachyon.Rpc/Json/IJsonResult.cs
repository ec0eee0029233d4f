using System.Text.Json;

namespace Tachyon.Rpc.Json;

/// <summary>A response value that writes itself with a <see cref="Utf8JsonWriter"/> (no reflection, no intermediate DOM).</summary>
public interface IJsonResult
{
    void WriteTo(Utf8JsonWriter writer);
}

/// <summary>A <see cref="IJsonResult"/> from a delegate.</summary>
public sealed class JsonResult(Action<Utf8JsonWriter> write) : IJsonResult
{
    public void WriteTo(Utf8JsonWriter writer) => write(writer);
}
