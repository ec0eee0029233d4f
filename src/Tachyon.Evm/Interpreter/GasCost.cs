namespace Tachyon.Evm.Interpreter;

/// <summary>Gas constants shared by Cancun and Prague (fork-dependent values live in <see cref="ForkSpec"/>).</summary>
public static class GasCost
{
    public const long Zero = 0, Base = 2, VeryLow = 3, Low = 5, Mid = 8, High = 10;
    public const long JumpDest = 1;
    public const long Exp = 10, ExpByte = 50;
    public const long Keccak256 = 30, Keccak256Word = 6;
    public const long Copy = 3;
    public const long Memory = 3;
    public const long BlockHash = 20;
    public const long WarmAccess = 100, ColdAccountAccess = 2600, ColdSload = 2100;
    public const long StorageSet = 20000, StorageUpdate = 5000, StorageClearRefund = 4800;
    public const long CallStipend = 2300;
    public const long CallValue = 9000, NewAccount = 25000;
    public const long SelfDestruct = 5000;
    public const long Create = 32000, CodeDeposit = 200, InitCodeWord = 2;
    public const long Log = 375, LogData = 8, LogTopic = 375;
    public const long TransientAccess = 100;

    public const long TxBase = 21000;
}
