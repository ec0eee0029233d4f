namespace Tachyon.Load.Cli;

/// <summary>Runtime settings for the load-generating commands, which share the machine's cores with the node they measure.</summary>
internal static class ClientRuntime
{
    /// <summary>
    /// Thread-pool workers that find no work spin before they sleep; in a client waiting on a node
    /// that spinning is CPU taken from the node (measured on the 2-core box: the client's CPU during
    /// a 10k-transfer block against Hardhat fell from ~2.6 s to ~1.25 s without it). Takes effect
    /// only before the first thread-pool work item, so commands call it first. The latency probe
    /// keeps the default: there a sleeping client would add its own wake-up to every sample.
    /// </summary>
    public static void NoIdleSpinning() => AppContext.SetData("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", 0);
}
