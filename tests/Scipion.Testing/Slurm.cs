using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Scipion.Testing;

/// <summary>
/// A real single-node Slurm (its own munged, slurmctld and slurmd, on free ports, in a folder of its own),
/// started by the tests themselves and stopped by the process ids it started; nothing under /etc is touched.
/// Clients find it through <see cref="ConfigFile"/> (SLURM_CONF). scripts/install-slurm.sh installs Slurm and munge.
/// </summary>
public sealed partial class Slurm : IAsyncDisposable
{
    public const string DefaultPartition = "debug";
    public const string SecondPartition = "second";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly List<Daemon> _daemons = [];

    private Slurm(string directory)
    {
        Directory = directory;
        ConfigFile = Path.Combine(directory, "slurm.conf");
    }

    /// <summary>Where the cluster keeps its state, logs and configuration.</summary>
    public string Directory { get; }

    public string ConfigFile { get; }

    public static async Task<Slurm> StartAsync()
    {
        string[] missing = [.. new[] { "munged", "slurmctld", "slurmd", "sbatch", "scontrol", "sinfo", "setpriv" }.Where(t => Which(t) is null)];
        if (missing.Length > 0)
        {
            throw new InvalidOperationException(
                $"Slurm is not installed ({string.Join(", ", missing)} not found): run scripts/install-slurm.sh.");
        }

        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException(
                $"The Slurm tests start slurmd, which runs jobs as their owner and so needs root; this runs as {Environment.UserName}. Run them as root (as scripts/test.sh does in the dev container).");
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("slurm-").FullName;
        var slurm = new Slurm(directory);
        try
        {
            await slurm.StartDaemonsAsync();
            return slurm;
        }
        catch
        {
            await slurm.DisposeAsync();
            throw;
        }
    }

    /// <summary>A slurm.conf naming a controller port nothing listens on, for clients that must see Slurm down.</summary>
    public string WriteUnreachableConfig()
    {
        string path = Path.Combine(Directory, "unreachable.conf");
        string text = File.ReadAllText(ConfigFile);
        text = SlurmctldPort().Replace(text, $"SlurmctldPort={FreePort.Next()}");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Runs a Slurm command against this cluster and returns its standard output.</summary>
    public async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var (code, output, error) = await ExecAsync(tool, arguments, TimeSpan.FromSeconds(30));
        return code == 0 ? output : throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({code}): {error}");
    }

    /// <summary>
    /// <c>scontrol show job -o</c> of every job of that name Slurm has, running or finished (records are kept for
    /// MinJobAge), one line each: how a test sees what Slurm itself ran, e.g. that a step was submitted once.
    /// </summary>
    public async Task<IReadOnlyList<string>> JobsNamedAsync(string name)
    {
        string ids = await RunAsync("squeue", "--noheader", "--states=all", $"--name={name}", "--format=%i");
        var jobs = new List<string>();
        foreach (string id in ids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            jobs.Add((await RunAsync("scontrol", "show", "job", "-o", id)).Trim());
        }

        return jobs;
    }

    public async ValueTask DisposeAsync()
    {
        if (_daemons.Any(d => d.Name == "slurmctld" && !d.Process.HasExited))
        {
            // Jobs still running would outlive slurmd as orphaned slurmstepds.
            await ExecAsync("scancel", ["--full", "--state=RUNNING"], TimeSpan.FromSeconds(10));
            await ExecAsync("scancel", ["--state=PENDING"], TimeSpan.FromSeconds(10));
        }

        // Reverse order: slurmd, then slurmctld, then munged.
        for (int i = _daemons.Count - 1; i >= 0; i--)
        {
            await _daemons[i].StopAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder left behind in /tmp is harmless; a failed test run is not made worse by it.
        }
    }

    private async Task StartDaemonsAsync()
    {
        string host = (await ExecAsync("hostname", ["-s"], TimeSpan.FromSeconds(10))).Output.Trim();
        string node = (await ExecAsync("slurmd", ["-C"], TimeSpan.FromSeconds(30))).Output;
        int cpus = Number(node, "CPUs");
        int memory = Number(node, "RealMemory");

        // munged refuses a socket folder others cannot enter or that it does not own.
        string munge = Path.Combine(Directory, "munge");
        System.IO.Directory.CreateDirectory(munge);
        await ExecAsync("chmod", ["755", Directory, munge], TimeSpan.FromSeconds(10));
        await ExecAsync("chown", ["munge:munge", munge], TimeSpan.FromSeconds(10));
        string socket = Path.Combine(munge, "munge.socket");
        File.WriteAllText(ConfigFile, Render(host, cpus, memory, socket));

        _daemons.Add(Daemon.Start("munged", "setpriv",
        [
            "--reuid=munge", "--regid=munge", "--init-groups", Which("munged")!, "--foreground",
            $"--socket={socket}", $"--pid-file={munge}/munged.pid", $"--log-file={munge}/munged.log", $"--seed-file={munge}/munged.seed",
        ], ConfigFile));
        await WaitAsync(() => Task.FromResult(File.Exists(socket)), "munged to open its socket");

        _daemons.Add(Daemon.Start("slurmctld", "slurmctld", ["-D", "-c"], ConfigFile));
        await WaitAsync(async () => (await ExecAsync("scontrol", ["ping"], TimeSpan.FromSeconds(10))).Output.Contains("UP", StringComparison.Ordinal),
            "slurmctld to answer scontrol ping");

        _daemons.Add(Daemon.Start("slurmd", "slurmd", ["-D"], ConfigFile));
        await WaitAsync(async () => (await ExecAsync("sinfo", ["--noheader", "--format=%T"], TimeSpan.FromSeconds(10))).Output
                .Split('\n').Any(s => s.Trim() == "idle"),
            "the node to be idle in sinfo");
    }

    private string Render(string host, int cpus, int memory, string mungeSocket)
    {
        string Dir(string name) => Path.Combine(Directory, name);
        System.IO.Directory.CreateDirectory(Dir("state"));
        System.IO.Directory.CreateDirectory(Dir("spool"));
        var conf = new StringBuilder();
        void Line(FormattableString text) => conf.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

        // The settings of /work/shared/notes/slurm-single-node.md, with ports and the munge socket of this cluster only.
        Line($"ClusterName=scipiontest");
        Line($"SlurmctldHost={host}(127.0.0.1)");
        Line($"SlurmctldPort={FreePort.Next()}");
        Line($"SlurmdPort={FreePort.Next()}");
        Line($"SlurmUser=root");
        Line($"SlurmdUser=root");
        Line($"AuthType=auth/munge");
        Line($"CredType=cred/munge");
        Line($"AuthInfo=socket={mungeSocket}");
        Line($"MailProg=/bin/true");
        Line($"MpiDefault=none");
        Line($"ProctrackType=proctrack/linuxproc");
        Line($"TaskPlugin=task/none");
        Line($"JobAcctGatherType=jobacct_gather/none");
        Line($"AccountingStorageType=accounting_storage/none");
        Line($"JobCompType=jobcomp/filetxt");
        Line($"JobCompLoc={Dir("jobcomp.log")}");
        Line($"SchedulerType=sched/backfill");
        Line($"SelectType=select/cons_tres");
        Line($"SelectTypeParameters=CR_Core_Memory");
        Line($"ReturnToService=2");
        Line($"MinJobAge=3600");
        Line($"KillWait=5");
        Line($"DefMemPerCPU=256");
        Line($"StateSaveLocation={Dir("state")}");
        Line($"SlurmdSpoolDir={Dir("spool")}");
        Line($"SlurmctldPidFile={Dir("slurmctld.pid")}");
        Line($"SlurmdPidFile={Dir("slurmd.pid")}");
        Line($"SlurmctldLogFile={Dir("slurmctld.log")}");
        Line($"SlurmdLogFile={Dir("slurmd.log")}");
        Line($"NodeName={host} NodeAddr=127.0.0.1 CPUs={cpus} RealMemory={memory} State=UNKNOWN");
        Line($"PartitionName={DefaultPartition} Nodes=ALL Default=YES MaxTime=INFINITE State=UP");
        Line($"PartitionName={SecondPartition} Nodes=ALL Default=NO MaxTime=INFINITE State=UP");
        return conf.ToString();
    }

    private async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await condition())
        {
            var dead = _daemons.FirstOrDefault(d => d.Process.HasExited);
            if (dead is not null || DateTime.UtcNow > deadline)
            {
                string why = dead is not null ? $"{dead.Name} exited with code {dead.Process.ExitCode}" : $"timed out after {StartTimeout}";
                throw new InvalidOperationException($"Slurm did not start: waiting for {what}, {why}.\n{Logs()}");
            }

            await Task.Delay(200);
        }
    }

    private string Logs()
    {
        var text = new StringBuilder();
        foreach (var daemon in _daemons)
        {
            text.Append("--- ").Append(daemon.Name).Append(" ---\n").Append(daemon.Output()).Append('\n');
        }

        foreach (string log in new[] { "slurmctld.log", "slurmd.log", "munge/munged.log" }.Select(l => Path.Combine(Directory, l)).Where(File.Exists))
        {
            text.Append("--- ").Append(log).Append(" ---\n").AppendJoin('\n', File.ReadLines(log).TakeLast(20)).Append('\n');
        }

        return text.ToString();
    }

    private async Task<(int Code, string Output, string Error)> ExecAsync(string tool, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SLURM_CONF"] = ConfigFile;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (124, await output, $"{tool} timed out after {timeout}");
        }

        return (process.ExitCode, await output, await error);
    }

    private static int Number(string text, string key)
    {
        var match = Regex.Match(text, $@"\b{key}=(\d+)");
        return match.Success
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"slurmd -C did not report {key}: {text}");
    }

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Concat(["/usr/sbin", "/sbin"])
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"SlurmctldPort=\d+")]
    private static partial Regex SlurmctldPort();

    /// <summary>One daemon in the foreground, its output kept for the failure message.</summary>
    private sealed class Daemon
    {
        private readonly StringBuilder _output = new();

        private Daemon(string name, Process process)
        {
            Name = name;
            Process = process;
        }

        public string Name { get; }

        public Process Process { get; }

        public static Daemon Start(string name, string program, string[] arguments, string configFile)
        {
            var start = new ProcessStartInfo(Which(program) ?? program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["SLURM_CONF"] = configFile;
            var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
            var daemon = new Daemon(name, process);
            process.OutputDataReceived += (_, e) => daemon.Append(e.Data);
            process.ErrorDataReceived += (_, e) => daemon.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return daemon;
        }

        public string Output()
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }

        /// <summary>SIGTERM to exactly this process, then SIGKILL if it has not gone within 10 s.</summary>
        public async Task StopAsync()
        {
            if (!Process.HasExited)
            {
                using (var term = Process.Start("kill", ["-TERM", Process.Id.ToString(CultureInfo.InvariantCulture)]))
                {
                    await term.WaitForExitAsync();
                }

                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await Process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    Process.Kill();
                    await Process.WaitForExitAsync();
                }
            }

            Process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
