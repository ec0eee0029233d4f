namespace Tachyon.Evm; internal static class AssemblyMarker { }
