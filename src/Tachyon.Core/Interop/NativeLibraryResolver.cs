using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Tachyon.Core.Interop;

/// <summary>
/// The one DllImport resolver for this assembly (.NET allows only one per assembly). Maps a logical
/// library name used in [LibraryImport] to a list of file names tried in order, so a binding can
/// accept "libfoo.so.1" and the unversioned names. Register before the first call into the library.
/// </summary>
internal static class NativeLibraryResolver
{
    private static readonly ConcurrentDictionary<string, string[]> Candidates = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, nint> Loaded = new(StringComparer.Ordinal);
    private static int _installed;

    public static void Register(string logicalName, params string[] fileNames)
    {
        Candidates[logicalName] = fileNames;
        if (Interlocked.Exchange(ref _installed, 1) == 0)
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!Candidates.TryGetValue(libraryName, out string[]? names)) return 0; // default probing
        return Loaded.GetOrAdd(libraryName, _ =>
        {
            foreach (string name in names)
                if (NativeLibrary.TryLoad(name, assembly, searchPath, out nint handle)) return handle;
            return 0;
        });
    }
}
