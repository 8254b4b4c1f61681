namespace Scipion.Api.Tests.Hostile;

/// <summary>A broken promise of the contract; <see cref="Kind"/> groups the failures of one cause.</summary>
public sealed class HostileFailure(string kind, string message) : Exception($"{kind}: {message}")
{
    public string Kind { get; } = kind;
}
