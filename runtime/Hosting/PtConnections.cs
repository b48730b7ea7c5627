using System.Threading.Tasks;

namespace PtToolkit.Hosting;

/// <summary>The connections a host serves: a bounded count, and a task that completes when none is left.</summary>
internal sealed class PtConnections
{
    private readonly object _gate = new();
    private readonly int _limit;
    private int _count;
    private TaskCompletionSource? _idle;

    public PtConnections(int limit) => _limit = limit;

    /// <summary>How many connections are being served.</summary>
    public int Count
    {
        get { lock (_gate) return _count; }
    }

    /// <summary>Takes a slot; false when <see cref="PtHostOptions.MaxConnections"/> are being served.</summary>
    public bool TryEnter()
    {
        lock (_gate)
        {
            if (_count >= _limit) return false;
            _count++;
            return true;
        }
    }

    /// <summary>Gives a slot back.</summary>
    public void Exit()
    {
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            if (--_count == 0)
            {
                idle = _idle;
                _idle = null;
            }
        }
        idle?.TrySetResult();
    }

    /// <summary>Completes when no connection is left.</summary>
    public Task WhenIdle()
    {
        lock (_gate)
        {
            if (_count == 0) return Task.CompletedTask;
            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    /// <summary>Waits until no connection is left or <paramref name="limit"/> has passed; true when none is left.</summary>
    public async Task<bool> WaitIdleAsync(System.TimeSpan limit)
    {
        var idle = WhenIdle();
        if (idle.IsCompleted) return true;
        return await Task.WhenAny(idle, Task.Delay(limit)).ConfigureAwait(false) == idle;
    }
}
