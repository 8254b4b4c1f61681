namespace Scipion.Infra.Tests;

public sealed class ServiceBusTemplateTests
{
    // The site queues' names live in StorageNames (SiteMessages refers to them), shared with the storage queues.
    private static string StorageNamesFile => Path.Combine(Infra.Root, "src", "Scipion.Core", "StorageNames.cs");

    [Fact]
    public void Site_jobs_travel_in_sessions_with_duplicate_detection_on_a_standard_namespace()
    {
        var template = Infra.CompiledTemplate();
        var names = CodeSettings.Constants(StorageNamesFile, "StorageNames");

        var serviceBus = Assert.Single(template.OfType("Microsoft.ServiceBus/namespaces"));
        Assert.Equal("Standard", serviceBus.Resolve(serviceBus.Body["sku"]?["name"]));
        var jobs = Assert.Single(template.OfType("Microsoft.ServiceBus/namespaces/queues"), q => q.LeafName == names["SiteJobsQueue"]);
        Assert.True(jobs.Body["properties"]?["requiresSession"]?.GetValue<bool>(), "Jobs are grouped by project in sessions.");
        Assert.True(jobs.Body["properties"]?["requiresDuplicateDetection"]?.GetValue<bool>(), "A request sent twice (same job id) must be kept once.");
        Assert.NotNull(jobs.Resolve(jobs.Body["properties"]?["duplicateDetectionHistoryTimeWindow"]));
        // The agent's lease (renewed every half) may not outlast the lock; its validator allows at most 5 minutes.
        Assert.Equal("PT5M", jobs.Resolve(jobs.Body["properties"]?["lockDuration"]));
    }

    [Fact]
    public void Site_reports_have_a_plain_queue_the_app_is_told_about_and_may_read()
    {
        var template = Infra.CompiledTemplate();
        var names = CodeSettings.Constants(StorageNamesFile, "StorageNames");

        var reports = Assert.Single(template.OfType("Microsoft.ServiceBus/namespaces/queues"), q => q.LeafName == names["SiteReportsQueue"]);
        Assert.Null(reports.Body["properties"]?["requiresSession"]);
        Assert.Contains(template.FunctionAppSettings(), s => s is { Name: "ServiceBus__SiteReportsQueue" } && s.Value == names["SiteReportsQueue"]);
        Assert.Contains(template.FunctionAppSettings(), s => s is { Name: "ServiceBus__SiteJobsQueue" } && s.Value == names["SiteJobsQueue"]);
        // app-access.bicep: the app's identity holds Data Receiver on the reports queue.
        Assert.Contains(template.OfType("Microsoft.Authorization/roleAssignments"), a =>
            a.Body["scope"]?.ToString().Contains("parameters('siteReportsQueueName')", StringComparison.Ordinal) == true
            && a.Body["properties"]?["roleDefinitionId"]?.ToString().Contains("serviceBusDataReceiver", StringComparison.Ordinal) == true);
    }
}
