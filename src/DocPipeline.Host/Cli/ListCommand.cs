using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace DocPipeline.Host.Cli;

/// <summary><c>docpipeline list [--status S] [--prefix P] [--from T] [--to T] [--top N]</c>: the instances that match.</summary>
public static class ListCommand
{
    private static readonly string[] KnownStatuses = ["Pending", "Running", "Completed", "ContinuedAsNew", "Failed", "Canceled", "Terminated", "Suspended"];

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var status = new Option<string[]>("--status") { Description = "Keep these runtime statuses (repeat or separate by commas): " + string.Join(", ", KnownStatuses) + ".", AllowMultipleArgumentsPerToken = true };
        var prefix = new Option<string?>("--prefix") { Description = "Keep instance ids that start with this." };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Keep instances created at or after this time (ISO 8601; UTC unless an offset is given)." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Keep instances created at or before this time." };
        var top = new Option<int>("--top") { Description = "The most instances to print, following continuation tokens page by page.", DefaultValueFactory = _ => 100 };
        var remote = new RemoteOptions();
        var command = new Command("list", "List instances (GET /instances), following the continuation header across pages.") { status, prefix, from, to, top };
        remote.AddTo(command);
        RemoteOptions.WithExamples(
            command,
            "docpipeline list",
            "docpipeline list --status Failed --from 2026-12-01",
            "docpipeline list --status Running,Pending --prefix doc- --json");
        command.SetAction((parse, cancellationToken) => remote.RunAsync(
            parse,
            async (client, json, ct) =>
            {
                var statuses = (parse.GetValue(status) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
                if (statuses.FirstOrDefault(s => !KnownStatuses.Contains(s, StringComparer.OrdinalIgnoreCase)) is { } unknown)
                {
                    throw new CliException(CliExitCodes.Usage, $"'{unknown}' is not a runtime status; use {string.Join(", ", KnownStatuses)}.");
                }

                var limit = parse.GetValue(top);
                if (limit is < 1 or > 100_000)
                {
                    throw new CliException(CliExitCodes.Usage, "--top must be between 1 and 100000.");
                }

                var filter = new InstanceFilter(statuses, parse.GetValue(prefix), parse.GetValue(from), parse.GetValue(to), Math.Min(limit, 1000));
                return await ExecuteAsync(client, filter, limit, json, ct);
            },
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(ManagementClient client, InstanceFilter filter, int limit, bool json, CancellationToken cancellationToken)
    {
        var instances = new List<JsonElement>();
        string? token = null;
        do
        {
            var response = await client.ListAsync(filter, token, cancellationToken);
            if (!response.IsSuccess || response.Body is not { ValueKind: JsonValueKind.Array } page)
            {
                throw response.ToException("Listing instances");
            }

            instances.AddRange(page.EnumerateArray().Take(limit - instances.Count));
            token = response.ContinuationToken;
        }
        while (token is not null && instances.Count < limit);

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(instances));
            return CliExitCodes.Success;
        }

        var rows = instances.Select(i =>
        {
            var row = new RemoteDocument(Text(i, "name"), Text(i, "instanceId"));
            row.Update(i);
            return (Row: row, Created: Text(i, "createdTime"), Updated: Text(i, "lastUpdatedTime"));
        }).ToList();
        if (!RemoteOptions.Interactive)
        {
            foreach (var (row, created, updated) in rows)
            {
                Console.WriteLine(string.Join('\t', row.InstanceId, row.Source, row.Status, row.Describe(), created, updated));
            }

            return CliExitCodes.Success;
        }

        var table = new Table().AddColumns("Instance", "Name", "Status", "Progress", "Created", "Updated");
        foreach (var (row, created, updated) in rows)
        {
            table.AddRow(Markup.Escape(row.InstanceId!), Markup.Escape(row.Source), $"[{StatusCommand.Colour(row.Status)}]{Markup.Escape(row.Status)}[/]", Markup.Escape(row.Describe()), Markup.Escape(created), Markup.Escape(updated));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{rows.Count} instance(s)."));
        return CliExitCodes.Success;
    }

    private static string Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
