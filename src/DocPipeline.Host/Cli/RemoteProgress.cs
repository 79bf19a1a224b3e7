using System.Globalization;
using Spectre.Console;

namespace DocPipeline.Host.Cli;

/// <summary>Follows instances until they finish: progress bars on a terminal, a plain line per change when piped.</summary>
internal static class RemoteProgress
{
    /// <summary>How often a running instance's status is read: the management API has no push.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static Task WaitAsync(ManagementClient client, IReadOnlyList<RemoteDocument> rows, bool interactive, bool printLines, CancellationToken cancellationToken) =>
        interactive ? WithBarsAsync(client, rows, cancellationToken) : PlainAsync(client, rows, printLines, cancellationToken);

    public static void PrintSummary(IReadOnlyList<RemoteDocument> rows)
    {
        var table = new Table().AddColumns("Document", "Instance", "Status", "Models", "Cost / error");
        foreach (var row in rows)
        {
            var color = row.Status switch { "Completed" => "green", "Running" or "Pending" => "blue", "Suspended" => "yellow", _ => "red" };
            table.AddRow(
                Markup.Escape(row.Name),
                Markup.Escape(row.InstanceId ?? "-"),
                $"[{color}]{Markup.Escape(row.Status)}[/]",
                Markup.Escape(string.Join(" → ", row.Models)),
                Markup.Escape(row.Error ?? (row.CostUsd is { } cost ? cost.ToString("$0.000000", CultureInfo.InvariantCulture) : string.Empty)));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{rows.Count(r => r.Status == "Completed")} of {rows.Count} document(s) completed.");
    }

    private static async Task PlainAsync(ManagementClient client, IReadOnlyList<RemoteDocument> rows, bool printLines, CancellationToken cancellationToken)
    {
        while (true)
        {
            foreach (var row in rows.Where(r => !r.Done))
            {
                if (await row.RefreshAsync(client, cancellationToken) && printLines)
                {
                    Console.WriteLine($"[{row.Name}] {row.Describe()}");
                }
            }

            if (rows.All(r => r.Done))
            {
                return;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static Task WithBarsAsync(ManagementClient client, IReadOnlyList<RemoteDocument> rows, CancellationToken cancellationToken) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var bars = rows.Where(r => r.InstanceId is not null).ToDictionary(r => r, r => progress.AddTask(Markup.Escape(r.Name), maxValue: 100));
                while (true)
                {
                    foreach (var (row, bar) in bars)
                    {
                        if (!row.Done)
                        {
                            await row.RefreshAsync(client, cancellationToken);
                        }

                        bar.Description = Markup.Escape($"{row.Name}: {row.Describe()}");
                        bar.Value = row.Done ? 100 : row.Percent;
                        if (row.Done)
                        {
                            bar.StopTask();
                        }
                    }

                    if (bars.Keys.All(r => r.Done))
                    {
                        return;
                    }

                    await Task.Delay(PollInterval, cancellationToken);
                }
            });
}
