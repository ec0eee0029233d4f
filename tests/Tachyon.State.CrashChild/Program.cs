using Tachyon.State;
using Tachyon.State.CrashChild;
using Tachyon.State.Storage;

// Writes deterministic blocks until killed: args = datadir seed durability(sync|async).
// Reopens an existing database and continues after its persisted head, as a restarted node would.
string dir = args[0];
int seed = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var durability = args.Length > 2 && args[2] == "async" ? DurabilityMode.Async : DurabilityMode.Sync;
using var state = LayeredState.Open(dir, new LayeredStateOptions { Durability = durability, HistoryWindow = 4, MaxUnpersistedBlocks = 4 });
ulong n = (ulong)(state.HeadNumber + 1);
Console.WriteLine($"start {n}");
Console.Out.Flush();
while (true)
{
    var (diff, block) = Workload.Block(seed, n);
    state.Commit(diff, block);
    n++;
}
