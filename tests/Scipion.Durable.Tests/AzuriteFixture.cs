using Scipion.Testing;
using Xunit;

namespace Scipion.Durable.Tests;

/// <summary>One real Azurite per test class; each test isolates itself with its own task hub name.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Azurite? _azurite;

    public Azurite Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>A task hub name of its own: letters and digits only, as Azure Storage requires.</summary>
    public static string NewHubName() => $"t{Guid.NewGuid():N}"[..16];
}
