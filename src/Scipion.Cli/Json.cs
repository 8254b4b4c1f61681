using System.Text.Json;

namespace Scipion.Cli;

internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web);
}
