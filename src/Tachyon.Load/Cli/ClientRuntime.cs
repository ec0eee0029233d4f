namespace Tachyon.Load.Cli;

/// <summary>Runtime settings for the load-generating commands, which share the machine's cores with the node they measure.</summary>
internal static class ClientRuntime
{
    /// <summary>
    /// Settings that keep a load generator's CPU off the node's cores. Take effect only before the
    /// first thread-pool work item and the first socket, so commands call this first. The latency
    /// probe keeps the defaults: there a sleeping client would add its own wake-up to every sample.
    /// </summary>
    public static void ForLoad()
    {
        NoIdleSpinning();
        InlineSocketCompletions();
    }

    /// <summary>
    /// Thread-pool workers that find no work spin before they sleep; in a client waiting on a node
    /// that spinning is CPU taken from the node (measured on the 2-core box: the client's CPU during
    /// a 10k-transfer block against Hardhat fell from ~2.6 s to ~1.25 s without it).
    /// </summary>
    private static void NoIdleSpinning() => AppContext.SetData("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", 0);

    /// <summary>
    /// Socket completions run on the socket event thread instead of being queued to the thread pool:
    /// a WebSocket reader then dispatches answers without a wake-up and a context switch per read
    /// (nothing it runs blocks). The runtime reads this environment variable when it creates its
    /// socket engine, at the first asynchronous socket operation.
    /// </summary>
    private static void InlineSocketCompletions() => Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
}
