using System.CommandLine;
using System.Text.Json;

namespace DocPipeline.Host.Cli;

/// <summary><c>terminate|suspend|resume|rewind|restart|purge &lt;id&gt;</c>: the management API's instance actions.</summary>
public static class ControlCommands
{
    private static readonly JsonSerializerOptions JsonLine = new(JsonSerializerDefaults.Web);

    /// <summary>Creates the six commands.</summary>
    public static IEnumerable<Command> Create()
    {
        yield return WithReason("terminate", "Stop a running, pending or suspended instance for good (POST /instances/{id}/terminate).");
        yield return WithReason("suspend", "Pause a running instance where it is (POST /instances/{id}/suspend).");
        yield return WithReason("resume", "Continue a suspended instance (POST /instances/{id}/resume).");
        yield return WithReason("rewind", "Replay a failed instance from its last good step (POST /instances/{id}/rewind).");
        yield return Restart();
        yield return Purge();
    }

    private static Command WithReason(string operation, string description)
    {
        var id = new Argument<string>("id") { Description = "The instance id." };
        var reason = new Option<string?>("--reason") { Description = "Why; recorded in the instance's history." };
        var remote = new RemoteOptions();
        var command = new Command(operation, description) { id, reason };
        remote.AddTo(command);
        RemoteOptions.WithExamples(
            command,
            $"docpipeline {operation} doc-3f2a…",
            $"docpipeline {operation} doc-3f2a… --reason \"operator request\" --json");
        command.SetAction((parse, cancellationToken) => remote.RunAsync(
            parse,
            async (client, json, ct) =>
            {
                var instanceId = parse.GetValue(id)!;
                var response = await client.ControlAsync(instanceId, operation, parse.GetValue(reason), ct);
                return Report(response, operation, instanceId, json, null);
            },
            cancellationToken));
        return command;
    }

    private static Command Restart()
    {
        var id = new Argument<string>("id") { Description = "The instance id." };
        var newId = new Option<bool>("--new-id") { Description = "Run under a new instance id instead of reusing this one." };
        var remote = new RemoteOptions();
        var command = new Command("restart", "Run a finished instance again with the same input (POST /instances/{id}/restart).") { id, newId };
        remote.AddTo(command);
        RemoteOptions.WithExamples(command, "docpipeline restart doc-3f2a…", "docpipeline restart doc-3f2a… --new-id --json");
        command.SetAction((parse, cancellationToken) => remote.RunAsync(
            parse,
            async (client, json, ct) =>
            {
                var instanceId = parse.GetValue(id)!;
                var response = await client.RestartAsync(instanceId, parse.GetValue(newId), ct);
                return Report(response, "restart", instanceId, json, response.String("id"));
            },
            cancellationToken));
        return command;
    }

    private static Command Purge()
    {
        var id = new Argument<string>("id") { Description = "The instance id." };
        var remote = new RemoteOptions();
        var command = new Command("purge", "Delete a finished instance and its history (DELETE /instances/{id}).") { id };
        remote.AddTo(command);
        RemoteOptions.WithExamples(command, "docpipeline purge doc-3f2a…");
        command.SetAction((parse, cancellationToken) => remote.RunAsync(
            parse,
            async (client, json, ct) =>
            {
                var instanceId = parse.GetValue(id)!;
                return Report(await client.PurgeAsync(instanceId, ct), "purge", instanceId, json, null);
            },
            cancellationToken));
        return command;
    }

    private static int Report(ManagementResponse response, string operation, string instanceId, bool json, string? newInstanceId)
    {
        if (!response.IsSuccess)
        {
            throw response.ToException($"{operation} {instanceId}");
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { instanceId, operation, status = (int)response.Status, newInstanceId }, JsonLine));
        }
        else
        {
            Console.WriteLine(newInstanceId is null || newInstanceId == instanceId
                ? $"{operation}: accepted for {instanceId}"
                : $"{operation}: accepted; the new run is {newInstanceId}");
        }

        return CliExitCodes.Success;
    }
}
