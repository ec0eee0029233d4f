namespace Tachyon.Evm.Interpreter;

/// <summary>Static per-opcode tables: stack inputs/outputs, constant gas, validity, names.</summary>
internal static class OpcodeInfo
{
    public static readonly byte[] StackIn = new byte[256];
    public static readonly byte[] StackOut = new byte[256];
    public static readonly long[] BaseGas = new long[256];
    public static readonly bool[] Defined = new bool[256];
    public static readonly string[] Names = new string[256];

    private static void Def(int op, string name, int stackIn, int stackOut, long gas)
    {
        Defined[op] = true;
        Names[op] = name;
        StackIn[op] = (byte)stackIn;
        StackOut[op] = (byte)stackOut;
        BaseGas[op] = gas;
    }

    static OpcodeInfo()
    {
        for (int i = 0; i < 256; i++) Names[i] = "0x" + i.ToString("x2");
        Def(0x00, "STOP", 0, 0, 0);
        Def(0x01, "ADD", 2, 1, 3); Def(0x02, "MUL", 2, 1, 5); Def(0x03, "SUB", 2, 1, 3); Def(0x04, "DIV", 2, 1, 5);
        Def(0x05, "SDIV", 2, 1, 5); Def(0x06, "MOD", 2, 1, 5); Def(0x07, "SMOD", 2, 1, 5); Def(0x08, "ADDMOD", 3, 1, 8);
        Def(0x09, "MULMOD", 3, 1, 8); Def(0x0a, "EXP", 2, 1, 10); Def(0x0b, "SIGNEXTEND", 2, 1, 5);
        Def(0x10, "LT", 2, 1, 3); Def(0x11, "GT", 2, 1, 3); Def(0x12, "SLT", 2, 1, 3); Def(0x13, "SGT", 2, 1, 3);
        Def(0x14, "EQ", 2, 1, 3); Def(0x15, "ISZERO", 1, 1, 3); Def(0x16, "AND", 2, 1, 3); Def(0x17, "OR", 2, 1, 3);
        Def(0x18, "XOR", 2, 1, 3); Def(0x19, "NOT", 1, 1, 3); Def(0x1a, "BYTE", 2, 1, 3); Def(0x1b, "SHL", 2, 1, 3);
        Def(0x1c, "SHR", 2, 1, 3); Def(0x1d, "SAR", 2, 1, 3);
        Def(0x20, "KECCAK256", 2, 1, 30);
        Def(0x30, "ADDRESS", 0, 1, 2); Def(0x31, "BALANCE", 1, 1, 0); Def(0x32, "ORIGIN", 0, 1, 2); Def(0x33, "CALLER", 0, 1, 2);
        Def(0x34, "CALLVALUE", 0, 1, 2); Def(0x35, "CALLDATALOAD", 1, 1, 3); Def(0x36, "CALLDATASIZE", 0, 1, 2);
        Def(0x37, "CALLDATACOPY", 3, 0, 3); Def(0x38, "CODESIZE", 0, 1, 2); Def(0x39, "CODECOPY", 3, 0, 3);
        Def(0x3a, "GASPRICE", 0, 1, 2); Def(0x3b, "EXTCODESIZE", 1, 1, 0); Def(0x3c, "EXTCODECOPY", 4, 0, 0);
        Def(0x3d, "RETURNDATASIZE", 0, 1, 2); Def(0x3e, "RETURNDATACOPY", 3, 0, 3); Def(0x3f, "EXTCODEHASH", 1, 1, 0);
        Def(0x40, "BLOCKHASH", 1, 1, 20); Def(0x41, "COINBASE", 0, 1, 2); Def(0x42, "TIMESTAMP", 0, 1, 2);
        Def(0x43, "NUMBER", 0, 1, 2); Def(0x44, "PREVRANDAO", 0, 1, 2); Def(0x45, "GASLIMIT", 0, 1, 2);
        Def(0x46, "CHAINID", 0, 1, 2); Def(0x47, "SELFBALANCE", 0, 1, 5); Def(0x48, "BASEFEE", 0, 1, 2);
        Def(0x49, "BLOBHASH", 1, 1, 3); Def(0x4a, "BLOBBASEFEE", 0, 1, 2);
        Def(0x50, "POP", 1, 0, 2); Def(0x51, "MLOAD", 1, 1, 3); Def(0x52, "MSTORE", 2, 0, 3); Def(0x53, "MSTORE8", 2, 0, 3);
        Def(0x54, "SLOAD", 1, 1, 0); Def(0x55, "SSTORE", 2, 0, 0); Def(0x56, "JUMP", 1, 0, 8); Def(0x57, "JUMPI", 2, 0, 10);
        Def(0x58, "PC", 0, 1, 2); Def(0x59, "MSIZE", 0, 1, 2); Def(0x5a, "GAS", 0, 1, 2); Def(0x5b, "JUMPDEST", 0, 0, 1);
        Def(0x5c, "TLOAD", 1, 1, 100); Def(0x5d, "TSTORE", 2, 0, 100); Def(0x5e, "MCOPY", 3, 0, 3); Def(0x5f, "PUSH0", 0, 1, 2);
        for (int n = 1; n <= 32; n++) Def(0x5f + n, "PUSH" + n, 0, 1, 3);
        for (int n = 1; n <= 16; n++) Def(0x7f + n, "DUP" + n, n, n + 1, 3);
        for (int n = 1; n <= 16; n++) Def(0x8f + n, "SWAP" + n, n + 1, n + 1, 3);
        for (int n = 0; n <= 4; n++) Def(0xa0 + n, "LOG" + n, n + 2, 0, 375 + 375 * n);
        Def(0xf0, "CREATE", 3, 1, 32000); Def(0xf1, "CALL", 7, 1, 0); Def(0xf2, "CALLCODE", 7, 1, 0);
        Def(0xf3, "RETURN", 2, 0, 0); Def(0xf4, "DELEGATECALL", 6, 1, 0); Def(0xf5, "CREATE2", 4, 1, 32000);
        Def(0xfa, "STATICCALL", 6, 1, 0); Def(0xfd, "REVERT", 2, 0, 0); Def(0xfe, "INVALID", 0, 0, 0);
        Def(0xff, "SELFDESTRUCT", 1, 0, 5000);
        Defined[0xfe] = false; // designated invalid
    }
}
