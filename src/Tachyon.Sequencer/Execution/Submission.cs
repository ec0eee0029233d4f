using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;

namespace Tachyon.Sequencer.Execution;

/// <summary>A transaction handed to the executor thread; completes once admitted (and, when its nonce is next, executed).</summary>
internal sealed class Submission(Transaction transaction, Address sender)
{
    public Transaction Transaction { get; } = transaction;
    public Address Sender { get; } = sender;

    // Continuations run off the executor thread.
    public TaskCompletionSource<SubmitResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
