using System.Text;
using System.Text.Json;

namespace Tachyon.Node.Tests;

/// <summary>Minimal JSON-RPC over HTTP for the harness's own checks.</summary>
internal sealed class RpcClient(Uri uri) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(15) };

    /// <summary>The result; fails the test on a JSON-RPC error.</summary>
    public async Task<JsonElement> CallAsync(string method, params object?[] args)
    {
        string body = JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 1, method, @params = args });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await _http.PostAsync("", content);
        JsonElement root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        if (root.TryGetProperty("error", out JsonElement error)) Assert.Fail($"{method} {body}: {error}");
        return root.GetProperty("result");
    }

    public async Task<string> StringAsync(string method, params object?[] args) => (await CallAsync(method, args)).GetString()!;

    public async Task<ulong> NumberAsync(string method, params object?[] args) => Convert.ToUInt64(await StringAsync(method, args), 16);

    public void Dispose() => _http.Dispose();
}
