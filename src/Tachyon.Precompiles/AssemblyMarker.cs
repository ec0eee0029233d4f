namespace Tachyon.Precompiles; internal static class AssemblyMarker { }
