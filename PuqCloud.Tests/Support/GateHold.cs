namespace PuqCloud.Tests.Support;

/// <summary>
/// One pause of a gate (<see cref="CurrencyChangeGate"/>, <see cref="BalanceReadGate"/>): the app's step waits at the chosen
/// point until the test's own step has finished, or until the gate's longest hold has passed (that step may be waiting for
/// the held one).
/// </summary>
public sealed class GateHold
{
    /// <summary>Done when the app's step has reached the gate and waits there.</summary>
    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TaskCompletionSource Step { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What the gate does when reached: waits for the test's step, at most <paramref name="held"/>.</summary>
    internal async Task PauseAsync(TimeSpan held, CancellationToken cancellationToken)
    {
        Reached.TrySetResult();
        await Task.WhenAny(Step.Task, Task.Delay(held, cancellationToken));
    }

    /// <summary>Runs <paramref name="step"/> while the app's step is held, and lets that go on once it has finished.</summary>
    public async Task<T> WhileHeldAsync<T>(Func<Task<T>> step)
    {
        await Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            return await step();
        }
        finally
        {
            Step.TrySetResult();
        }
    }
}
