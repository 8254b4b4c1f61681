using System.Security.Cryptography;
using System.Text;
using Scipion.Core.Compute;

namespace Scipion.Compute.AzureBatch;

/// <summary>
/// Batch ids derived from a <see cref="JobId"/> (<c>{runId}--{step}</c>), so a retried submission names the same
/// Batch job and task and is recognised. Batch ids allow letters, digits, '-' and '_', up to 64 characters.
/// </summary>
internal static class BatchIds
{
    private const int MaxLength = 64;

    /// <summary>
    /// The run's Batch job on one pool. A Batch job is bound to one pool, so a run whose steps need different
    /// pools (GPU motion correction, MPI refinement) has one job per pool: <c>{runId}--{poolId}</c>.
    /// </summary>
    public static string JobFor(JobId id, string poolId) => Clean($"{RunOf(id)}--{poolId}");

    /// <summary>The step's task: the job id itself.</summary>
    public static string TaskFor(JobId id) => Clean(id.Value);

    /// <summary>The run part of a job id, as <see cref="JobId.For"/> joined it.</summary>
    public static string RunOf(JobId id)
    {
        int separator = id.Value.IndexOf("--", StringComparison.Ordinal);
        return separator > 0 ? id.Value[..separator] : id.Value;
    }

    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            clean.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        if (clean.Length <= MaxLength && clean.ToString() == text)
        {
            return text;
        }

        // Cleaning or cutting could make two ids equal; a hash of the original keeps them apart.
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        string kept = clean.Length > MaxLength - 9 ? clean.ToString(0, MaxLength - 9) : clean.ToString();
        return $"{kept}-{hash}";
    }
}
