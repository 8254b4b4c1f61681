using System.Xml;

namespace Scipion.Compute.AzureBatch;

/// <summary>Durations as the spec's <c>duration</c> format wants them (ISO 8601, e.g. <c>PT2H</c>, <c>P7D</c>).</summary>
internal static class IsoDuration
{
    public static string Of(TimeSpan value) => XmlConvert.ToString(value);
}
