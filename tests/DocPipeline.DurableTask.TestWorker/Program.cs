using System.Globalization;
using DocPipeline.DurableTask.Sqlite;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

// Usage: <database> <side-file> <instance-id> <steps> [start]
// Runs a worker on the database until the instance has finished; with "start", first creates the instance.
// Each activity appends "<step> <unix-ms>" to the side file before it returns, so a test can see what ran and when.
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: <database> <side-file> <instance-id> <steps> [start]");
    return 2;
}

var (database, sideFile, instanceId) = (args[0], args[1], args[2]);
var steps = int.Parse(args[3], CultureInfo.InvariantCulture);
RecordStep.SideFile = sideFile;
await using var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = database });
var shims = new DurableTaskShimFactory();
var worker = new TaskHubWorker(service);
worker.AddTaskOrchestrations(new Creator<TaskOrchestration>(nameof(CrashSequence), () => shims.CreateOrchestration(nameof(CrashSequence), new CrashSequence())));
worker.AddTaskActivities(new Creator<TaskActivity>(nameof(RecordStep), () => shims.CreateActivity(nameof(RecordStep), new RecordStep())));
await worker.StartAsync();
var client = new TaskHubClient(service);
if (args.Length > 4 && args[4] == "start")
{
    await client.CreateOrchestrationInstanceAsync(nameof(CrashSequence), string.Empty, instanceId, steps);
}

Console.WriteLine("worker started");
var state = await client.WaitForOrchestrationAsync(new OrchestrationInstance { InstanceId = instanceId }, TimeSpan.FromMinutes(5), CancellationToken.None);
await worker.StopAsync(isForced: true);
Console.WriteLine($"finished: {state?.OrchestrationStatus} {state?.Output}");
return state?.OrchestrationStatus == OrchestrationStatus.Completed ? 0 : 1;

/// <summary>Calls RecordStep for each step in order.</summary>
internal sealed class CrashSequence : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var done = 0;
        for (var i = 0; i < input; i++)
        {
            done += await context.CallActivityAsync<int>(nameof(RecordStep), i);
        }

        return done;
    }
}

/// <summary>Appends its step to the side file; takes a little while, like real work, so a kill lands mid-run.</summary>
internal sealed class RecordStep : Microsoft.DurableTask.TaskActivity<int, int>
{
    private static readonly SemaphoreSlim FileLock = new(1, 1);

    public static string SideFile { get; set; } = string.Empty;

    public override async Task<int> RunAsync(TaskActivityContext context, int input)
    {
        await Task.Delay(20);
        await FileLock.WaitAsync();
        try
        {
            await File.AppendAllTextAsync(SideFile, string.Create(CultureInfo.InvariantCulture, $"{input} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}\n"));
        }
        finally
        {
            FileLock.Release();
        }

        return 1;
    }
}

internal sealed class Creator<T> : ObjectCreator<T>
{
    private readonly Func<T> _create;

    public Creator(string name, Func<T> create)
    {
        Name = name;
        Version = string.Empty;
        _create = create;
    }

    public override T Create() => _create();
}
