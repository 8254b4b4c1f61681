namespace Scipion.Infra.Tests;

/// <summary>
/// Compares what the code needs with what the Bicep deploys and describes every mismatch in a
/// sentence that names the setting or resource, so a failing test says what to add where.
/// </summary>
public static class SettingsConsistency
{
    /// <summary>Settings the code reads that the Function app's appSettings do not provide.</summary>
    public static IReadOnlyList<string> MissingAppSettings(IEnumerable<SettingRequirement> required, ArmTemplate template)
    {
        var settings = template.FunctionAppSettingNames();
        return required
            .Select(requirement => (requirement, missing: requirement.MissingFrom(settings)))
            .Where(x => x.missing.Count > 0)
            .Select(x => $"App setting {string.Join(", ", x.missing)} (read by {x.requirement.ReadBy}) is not set on the Function app in infra/"
                + (x.requirement.AnyOf.Count > 1 ? $"; {x.requirement.Name} needs {x.requirement.Forms}." : "."))
            .ToList();
    }

    /// <summary>
    /// Container, queue and table names in StorageNames.cs that the Bicep does not create, classified by the
    /// constant's suffix (…Container, …Queue, …Table); a …ContainerPrefix (per-project containers the app makes)
    /// must be what the blob-created subscription filters on.
    /// </summary>
    public static IReadOnlyList<string> MissingStorageNames(IReadOnlyDictionary<string, string> storageNames, ArmTemplate template)
    {
        var problems = new List<string>();
        foreach (var (constant, value) in storageNames)
        {
            if (constant.EndsWith("ContainerPrefix", StringComparison.Ordinal))
            {
                // Containers with this prefix are made per project by the app; the Bicep must route their events.
                var subject = $"/blobServices/default/containers/{value}";
                if (!template.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions")
                        .Any(r => r.Resolve(r.Body["properties"]?["filter"]?["subjectBeginsWith"]) == subject))
                {
                    problems.Add($"StorageNames.{constant} = \"{value}\": no Event Grid subscription in infra/ filters on \"{subject}\".");
                }

                continue;
            }

            var (kind, type) = constant switch
            {
                _ when constant.EndsWith("Container", StringComparison.Ordinal) => ("blob container", "Microsoft.Storage/storageAccounts/blobServices/containers"),
                _ when constant.EndsWith("Queue", StringComparison.Ordinal) => ("queue", "Microsoft.Storage/storageAccounts/queueServices/queues"),
                _ when constant.EndsWith("Table", StringComparison.Ordinal) => ("table", "Microsoft.Storage/storageAccounts/tableServices/tables"),
                _ => (null, null),
            };
            if (type is null)
            {
                problems.Add($"StorageNames.{constant} does not end in Container, Queue or Table, so the check cannot tell what to look for.");
                continue;
            }

            if (!template.OfType(type).Any(r => r.LeafName == value))
            {
                problems.Add($"StorageNames.{constant} = \"{value}\": no {kind} named \"{value}\" is created in infra/.");
            }
        }

        return problems;
    }
}
