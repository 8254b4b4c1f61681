namespace Scipion.Core.Compute;

/// <summary>Where a backend's jobs read their inputs and leave their outputs, which decides what the workflow moves for them.</summary>
public enum JobFiles
{
    /// <summary>
    /// In the job's <see cref="JobDescription.WorkingDirectory"/>, the platform's local work folder (local processes, a
    /// Slurm cluster sharing that filesystem): the workflow stages inputs in before and publishes outputs after the run.
    /// </summary>
    InWorkFolder,

    /// <summary>
    /// In project storage, which the backend reaches itself (a site staging by SAS URLs, a Batch pool mounting the
    /// container): before the job the workflow publishes what earlier steps left in the work folder, so the job finds
    /// it in the project; after it, the workflow fetches the job's <see cref="JobDescription.OutputFolder"/> back into
    /// the work folder, for reports and later steps, without uploading it again.
    /// </summary>
    InProjectStorage,
}
