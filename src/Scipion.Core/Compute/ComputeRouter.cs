using System.Text.Json.Nodes;
using Scipion.Core.Errors;

namespace Scipion.Core.Compute;

/// <summary>
/// Picks the backend (and queue) of each step: the run's own <c>parameters.compute</c> first, then
/// <c>Compute:Steps:&lt;step&gt;</c>, then <c>Compute:Default</c>. Routing is a pure function of the
/// configuration and the run, so submit, poll and cancel of one step always reach the same backend.
/// </summary>
public sealed class ComputeRouter
{
    private readonly Dictionary<string, IComputeBackend> _backends;
    private readonly ComputePlacement _default;
    private readonly Dictionary<string, ComputePlacement> _steps;

    public ComputeRouter(IEnumerable<IComputeBackend> backends, ComputeOptions options)
    {
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(options);

        // The last registration of a name wins, as with any DI registration.
        _backends = new Dictionary<string, IComputeBackend>(StringComparer.OrdinalIgnoreCase);
        foreach (var backend in backends)
        {
            _backends[backend.Name] = backend;
        }

        _default = ComputePlacement.Parse(options.Default);
        _steps = options.Steps.ToDictionary(s => StepKey(s.Key), s => ComputePlacement.Parse(s.Value), StringComparer.OrdinalIgnoreCase);

        // Configuration mistakes fail the host at start, not a user's run later.
        var problems = _steps.Select(s => (Setting: $"{ComputeOptions.Section}:Steps:{s.Key}", Placement: s.Value))
            .Prepend((Setting: $"{ComputeOptions.Section}:Default", Placement: _default))
            .Select(p => Problem(p.Placement) is { } problem ? $"{p.Setting} = '{p.Placement}': {problem}" : null)
            .OfType<string>()
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }
    }

    public IReadOnlyCollection<string> Backends => _backends.Keys;

    /// <summary>Where a step of a run goes; a run naming a backend or queue that does not exist is a validation error.</summary>
    public ComputePlacement PlacementOf(string step, JsonObject? runParameters)
    {
        ArgumentNullException.ThrowIfNull(step);
        var configured = _steps.TryGetValue(StepKey(step), out var placement) ? placement : _default;
        var run = ComputePlacement.FromRunParameters(runParameters);
        if (run is null)
        {
            return configured;
        }

        // A run naming only a backend drops the step's queue unless it is that same backend's.
        string backend = run.Backend ?? configured.Backend;
        string? queue = run.Queue ?? (string.Equals(backend, configured.Backend, StringComparison.OrdinalIgnoreCase) ? configured.Queue : null);
        var chosen = new ComputePlacement(backend, queue);
        if (Problem(chosen) is { } problem)
        {
            string field = $"parameters.{ComputePlacement.Parameter}.{(run.Queue is not null && _backends.ContainsKey(backend) ? "queue" : "backend")}";
            throw ScipionError.Invalid(field, problem);
        }

        return chosen;
    }

    /// <summary>The backend of a step, and its job with the chosen queue.</summary>
    public (IComputeBackend Backend, JobDescription Job) Route(string step, JobDescription job, JsonObject? runParameters)
    {
        ArgumentNullException.ThrowIfNull(job);
        var placement = PlacementOf(step, runParameters);
        return (_backends[placement.Backend], job with { Queue = placement.Queue ?? job.Queue });
    }

    /// <summary>Checks a run's <c>parameters.compute</c> before the run starts, so a typo is a 400, not a failed run.</summary>
    public void ValidateRun(JsonObject? runParameters) => PlacementOf(string.Empty, runParameters);

    /// <summary>
    /// Tells each of the named backends that holds per-run state (<see cref="IRunLifecycle"/>) that the run is over.
    /// Every such backend is told even when another fails; the failures are thrown together afterwards.
    /// </summary>
    public async Task ReleaseRunAsync(string projectId, string runId, IEnumerable<string> backendsUsed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backendsUsed);
        var failures = new List<Exception>();
        var lifecycles = backendsUsed
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name => _backends.GetValueOrDefault(name))
            .OfType<IRunLifecycle>();
        foreach (var lifecycle in lifecycles)
        {
            try
            {
                await lifecycle.ReleaseRunAsync(projectId, runId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add(e);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException($"Run {runId}: {failures.Count} compute backend(s) could not release the run.", failures);
        }
    }

    // App settings on Linux cannot hold '-' in names: Compute__Steps__motion_correction means motion-correction.
    private static string StepKey(string step) => step.Replace('_', '-');

    private string? Problem(ComputePlacement placement)
    {
        if (!_backends.TryGetValue(placement.Backend, out var backend))
        {
            return $"Unknown compute backend '{placement.Backend}'; this deployment has {string.Join(", ", _backends.Keys.Order(StringComparer.Ordinal))}.";
        }

        if (placement.Queue is null)
        {
            return null;
        }

        return backend is IComputeQueues queues
            ? queues.QueueProblem(placement.Queue)
            : $"The {backend.Name} backend has no queues; leave the queue out.";
    }
}
