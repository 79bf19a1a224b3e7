using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace DocPipeline.Host.Cli;

/// <summary><c>docpipeline status &lt;id&gt; [--watch] [--history]</c>: one instance's status.</summary>
public static class StatusCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The instance id." };
        var watch = new Option<bool>("--watch", "-w") { Description = "Follow the instance until it finishes; exit 0 only if it completed." };
        var history = new Option<bool>("--history") { Description = "Include the history events." };
        var remote = new RemoteOptions();
        var command = new Command("status", "Show an instance's runtime status, progress and output (GET /instances/{id}).") { id, watch, history };
        remote.AddTo(command);
        RemoteOptions.WithExamples(
            command,
            "docpipeline status doc-3f2a…",
            "docpipeline status doc-3f2a… --watch",
            "docpipeline status doc-3f2a… --json --history | jq '.historyEvents | length'");
        command.SetAction((parse, cancellationToken) => remote.RunAsync(
            parse,
            (client, json, ct) => ExecuteAsync(client, parse.GetValue(id)!, parse.GetValue(watch), parse.GetValue(history), json, ct),
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(ManagementClient client, string id, bool watch, bool history, bool json, CancellationToken cancellationToken)
    {
        var row = new RemoteDocument(id, id);
        if (watch)
        {
            await RemoteProgress.WaitAsync(client, [row], !json && RemoteOptions.Interactive, printLines: !json, cancellationToken);
        }

        var response = await client.GetStatusAsync(id, history, cancellationToken: cancellationToken);
        if (!response.IsSuccess)
        {
            throw response.ToException("Instance " + id);
        }

        var body = response.Body!.Value;
        row.Update(body);
        if (json)
        {
            Console.WriteLine(body.GetRawText());
        }
        else
        {
            Print(body, row);
        }

        return !watch || row.Status == "Completed" ? CliExitCodes.Success : CliExitCodes.NotCompleted;
    }

    private static void Print(JsonElement body, RemoteDocument row)
    {
        var lines = new List<(string Name, string Value)>
        {
            ("instanceId", row.InstanceId!),
            ("name", Text(body, "name")),
            ("runtimeStatus", row.Status),
            ("progress", row.Describe()),
            ("createdTime", Text(body, "createdTime")),
            ("lastUpdatedTime", Text(body, "lastUpdatedTime")),
        };
        if (row.Error is { } error)
        {
            lines.Add(("error", error));
        }
        else if (row.Output is { } output)
        {
            lines.Add(("output", JsonSerializer.Serialize(output, Indented)));
        }

        if (body.TryGetProperty("historyEvents", out var events) && events.ValueKind == JsonValueKind.Array)
        {
            lines.Add(("historyEvents", string.Join(Environment.NewLine, events.EnumerateArray().Select(e => $"{Text(e, "Timestamp")} {Text(e, "EventType")} {Text(e, "FunctionName", "Name")}".TrimEnd()))));
        }

        if (!RemoteOptions.Interactive)
        {
            foreach (var (name, value) in lines)
            {
                Console.WriteLine($"{name}: {value}");
            }

            return;
        }

        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var (name, value) in lines)
        {
            var shown = name == "runtimeStatus" ? $"[{Colour(value)}]{Markup.Escape(value)}[/]" : Markup.Escape(value);
            grid.AddRow($"[grey]{name}[/]", shown);
        }

        AnsiConsole.Write(grid);
    }

    internal static string Colour(string status) => status switch
    {
        "Completed" => "green",
        "Running" or "Pending" => "blue",
        "Suspended" => "yellow",
        _ => "red",
    };

    private static string Text(JsonElement body, params string[] names)
    {
        foreach (var name in names)
        {
            if (body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString()!;
            }
        }

        return string.Empty;
    }
}
