using Microsoft.DurableTask;

namespace Scipion.Workflows.Runs;

/// <summary>
/// A streaming run's reconciliation loop, as orchestration code: a pass (<see cref="ReconcileMoviesActivity"/>),
/// then a durable timer, then the next pass, and so on. Exactly one of the two is pending at any time.
/// </summary>
internal sealed class Reconciliation
{
    // Until a pass has said how often to look (a setting the activity reads), or when passes keep failing.
    private static readonly TimeSpan FallbackInterval = TimeSpan.FromMinutes(1);

    private readonly TaskOrchestrationContext _context;
    private readonly RunRef _run;
    private Task<MovieReconciliation>? _pass;
    private CancellationTokenSource? _timerCancel;
    private TimeSpan _interval = FallbackInterval;

    public Reconciliation(TaskOrchestrationContext context, RunRef run)
    {
        _context = context;
        _run = run;
        Pending = StartPass();
    }

    /// <summary>The pass or the timer now pending.</summary>
    public Task Pending { get; private set; }

    /// <summary>Called when <see cref="Pending"/> completed: returns the movies a finished pass found and schedules what comes next.</summary>
    public IReadOnlyList<string> Advance()
    {
        if (_pass is null)
        {
            Pending = StartPass();
            return [];
        }

        IReadOnlyList<string> found = [];
        if (_pass.IsCompletedSuccessfully)
        {
            found = _pass.Result.Untaken;
            _interval = TimeSpan.FromSeconds(_pass.Result.NextSeconds);
        }

        // A pass that failed past its retries (storage down for minutes) costs nothing: the next one looks again.
        _pass = null;
        _timerCancel = new CancellationTokenSource();
        Pending = _context.CreateTimer(_interval, _timerCancel.Token);
        return found;
    }

    /// <summary>The run is ending: a pending timer must not keep it open.</summary>
    public void Stop() => _timerCancel?.Cancel();

    private Task<MovieReconciliation> StartPass()
    {
        _timerCancel?.Dispose();
        _timerCancel = null;
        _pass = _context.CallActivityAsync<MovieReconciliation>(nameof(ReconcileMoviesActivity), _run, RunRetries.Options);
        return _pass;
    }
}
