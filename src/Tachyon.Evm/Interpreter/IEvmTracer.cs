namespace Tachyon.Evm.Interpreter;

/// <summary>Receives one callback per executed instruction (EIP-3155 style tracing).</summary>
public interface IEvmTracer
{
    void OnStep(Frame frame, int pc, byte op, long gas, int stackSize, long refund);
    void OnPrecompile(Frame frame);
    void OnTransactionEnd(long gasUsed, bool success, byte[] output, string? error);
}

/// <summary>Writes EIP-3155 JSON lines: one object per operation, then a summary line.</summary>
public sealed class Eip3155Tracer(TextWriter writer) : IEvmTracer
{
    private readonly System.Text.StringBuilder _sb = new();

    public void OnStep(Frame frame, int pc, byte op, long gas, int stackSize, long refund)
    {
        _sb.Clear();
        _sb.Append("{\"pc\":").Append(pc)
           .Append(",\"op\":").Append(op)
           .Append(",\"gas\":\"0x").Append(gas.ToString("x"))
           .Append("\",\"gasCost\":\"0x").Append(OpcodeInfo.BaseGas[op].ToString("x"))
           .Append("\",\"memSize\":").Append(frame.Memory.Size)
           .Append(",\"stack\":[");
        for (int i = 0; i < stackSize; i++)
        {
            if (i > 0) _sb.Append(',');
            _sb.Append('"').Append(frame.Stack[i].ToHexString()).Append('"');
        }
        _sb.Append("],\"depth\":").Append(frame.Depth + 1)
           .Append(",\"refund\":").Append(refund)
           .Append(",\"opName\":\"").Append(OpcodeInfo.Names[op]).Append("\"}");
        writer.WriteLine(_sb.ToString());
    }

    public void OnPrecompile(Frame frame) { }

    public void OnTransactionEnd(long gasUsed, bool success, byte[] output, string? error)
    {
        writer.WriteLine($"{{\"output\":\"{Convert.ToHexString(output).ToLowerInvariant()}\",\"gasUsed\":\"0x{gasUsed:x}\"{(error is null ? "" : $",\"error\":\"{error}\"")}}}");
    }
}
