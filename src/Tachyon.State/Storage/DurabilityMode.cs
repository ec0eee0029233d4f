namespace Tachyon.State.Storage;

public enum DurabilityMode
{
    /// <summary>fsync the WAL on every block batch: a committed-and-persisted block survives power loss.</summary>
    Sync,

    /// <summary>
    /// WAL on but not fsynced per batch: survives a process kill (the OS holds the WAL), may lose the
    /// last blocks on power loss. At most MaxUnpersistedLayers blocks are ahead of the database.
    /// </summary>
    Async,
}
