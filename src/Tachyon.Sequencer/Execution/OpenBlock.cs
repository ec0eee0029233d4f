using Tachyon.Evm.Interpreter;
using Tachyon.Sequencer.Chain;

namespace Tachyon.Sequencer.Execution;

/// <summary>The block being built: its transactions, its pending state and the environment its transactions run in. Swapped as one reference.</summary>
internal sealed record OpenBlock(BlockData Block, PendingState State, BlockEnvironment Environment);
