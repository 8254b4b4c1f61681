namespace Scipion.Core.Compute;

/// <summary>
/// One program run of a job. <paramref name="MpiProgram"/> is the MPI build of the same program
/// (e.g. <c>relion_refine_mpi</c>), used instead when the job asks for more than one rank.
/// </summary>
public sealed record CommandStep(string Program, IReadOnlyList<string> Arguments, string? MpiProgram = null)
{
    public override string ToString() =>
        string.Join(' ', Arguments.Prepend(Program).Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) || a.Contains('*') ? $"\"{a}\"" : a));
}
