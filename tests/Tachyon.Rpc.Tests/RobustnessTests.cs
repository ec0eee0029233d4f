using System.Text;
using System.Text.Json;

namespace Tachyon.Rpc.Tests;

/// <summary>Whatever arrives, the server answers with well-formed JSON-RPC and keeps serving.</summary>
public sealed class RobustnessTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer S => fixture.Server;

    [Fact]
    public async Task MutatedRequests_AlwaysGetWellFormedAnswers()
    {
        string[] seeds =
        [
            $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBalance\",\"params\":[\"{FakeBackend.DevAddress}\",\"latest\"]}}",
            $"{{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_getLogs\",\"params\":[{{\"fromBlock\":\"0x0\",\"topics\":[[\"{FakeBackend.TransferTopic}\"],null]}}]}}",
            $"{{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"eth_call\",\"params\":[{{\"to\":\"{FakeBackend.Token}\",\"input\":\"0x01\"}},{{\"blockNumber\":\"0x1\"}}]}}",
            "[{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"eth_feeHistory\",\"params\":[\"0x5\",\"latest\",[10,90]]}]",
        ];
        var random = new Random(1474);
        const string alphabet = "{}[]\",:0x1fgnul-e. \\";
        for (int i = 0; i < 300; i++)
        {
            var sb = new StringBuilder(seeds[i % seeds.Length]);
            int edits = 1 + random.Next(4);
            for (int e = 0; e < edits; e++)
            {
                int at = random.Next(sb.Length);
                switch (random.Next(3))
                {
                    case 0: sb.Remove(at, 1); break;
                    case 1: sb.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    default: sb[at] = alphabet[random.Next(alphabet.Length)]; break;
                }
            }
            var (status, body) = await S.PostAsync(sb.ToString());
            Assert.Equal(200, status);
            if (body.Length == 0) continue; // became a notification
            using JsonDocument doc = JsonDocument.Parse(body);
            JsonElement root = doc.RootElement;
            foreach (JsonElement item in root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root])
            {
                bool hasResult = item.TryGetProperty("result", out _);
                bool hasError = item.TryGetProperty("error", out JsonElement error);
                Assert.True(hasResult ^ hasError, body);
                if (hasError) Assert.NotEqual(-32603, error.GetProperty("code").GetInt32());
            }
        }
        Assert.Equal("0x7a69", (await S.ResultAsync("eth_chainId")).GetString());
    }

    [Fact]
    public async Task DeepNesting_IsParseError()
    {
        string deep = new string('[', 5000) + new string(']', 5000);
        var (_, body) = await S.PostAsync(deep);
        Assert.Equal(-32700, JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("code").GetInt32());
    }
}
