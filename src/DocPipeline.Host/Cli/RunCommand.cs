using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DocPipeline.Host.Hosting;
using DocPipeline.Host.Triggers;
using DocPipeline.Pipeline;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace DocPipeline.Host.Cli;

/// <summary><c>docpipeline run &lt;files or folders...&gt; [--json] [--reprocess]</c>: the pipeline on the embedded store, with live progress.</summary>
public static class RunCommand
{
    private static readonly JsonSerializerOptions JsonLine = new(JsonSerializerDefaults.Web);

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders to process.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per document instead of progress and a table." };
        var reprocess = new Option<bool>("--reprocess") { Description = "Process documents again even when the same content completed before." };
        var command = new Command("run", "Run the pipeline on files or folders with the embedded store, then print a summary.") { paths, json, reprocess };
        RemoteOptions.WithExamples(command, "docpipeline run invoice.pdf", "docpipeline run samples/ --json", "docpipeline run inbox/ --reprocess");
        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse.GetValue(paths)!, parse.GetValue(json), parse.GetValue(reprocess), cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(string[] paths, bool json, bool reprocess, CancellationToken cancellationToken)
    {
        var appRoot = Directory.GetCurrentDirectory();
        IHost? built = null;
        try
        {
            built = AppHost.Build(appRoot, runWorker: true, quiet: true);
            built.Services.GetService<IStartupValidator>()?.Validate();
            await built.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ServeStartupErrors.TryDescribe(ex, out var message))
        {
            built?.Dispose();
            await Console.Error.WriteLineAsync("Invalid settings:" + Environment.NewLine + message);
            return 2;
        }

        using var host = built;

        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var submitter = host.Services.GetRequiredService<DocumentSubmitter>();
        var limit = host.Services.GetRequiredService<IOptions<PipelineOptions>>().Value.MaxDocumentBytes;
        var rows = new List<DocumentRow>();
        foreach (var (path, error) in ExpandPaths(paths))
        {
            rows.Add(await SubmitAsync(submitter, path, error, limit, reprocess, cancellationToken));
        }

        if (json || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            await WaitPlainAsync(client, rows, printProgress: !json, cancellationToken);
        }
        else
        {
            await WaitWithProgressBarsAsync(client, rows, cancellationToken);
        }

        foreach (var row in rows)
        {
            await row.FinishAsync(client, cancellationToken);
        }

        if (json)
        {
            foreach (var row in rows)
            {
                Console.WriteLine(JsonSerializer.Serialize(row.ToJson(), JsonLine));
            }
        }
        else
        {
            PrintSummary(rows);
        }

        await host.StopAsync(CancellationToken.None);
        return rows.All(r => r.Status == OrchestrationRuntimeStatus.Completed) ? 0 : 1;
    }

    private static IEnumerable<(string Path, string? Error)> ExpandPaths(string[] paths)
    {
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                yield return (path, null);
            }
            else if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System })
                    .Where(f => !Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (files.Count == 0)
                {
                    yield return (path, "The folder contains no files.");
                }

                foreach (var file in files)
                {
                    yield return (file, null);
                }
            }
            else
            {
                yield return (path, "No such file or folder.");
            }
        }
    }

    private static async Task<DocumentRow> SubmitAsync(DocumentSubmitter submitter, string path, string? error, long limit, bool reprocess, CancellationToken cancellationToken)
    {
        var row = new DocumentRow(path);
        if (error is not null)
        {
            return row.Reject(error);
        }

        try
        {
            var size = new FileInfo(path).Length;
            if (size > limit)
            {
                return row.Reject(string.Create(CultureInfo.InvariantCulture, $"The file is {size:N0} bytes; the limit is {limit:N0} (Pipeline:MaxDocumentBytes)."));
            }

            var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            var submission = await submitter.SubmitAsync(bytes, Path.GetFileName(path), "cli", reprocess, cancellationToken: cancellationToken);
            row.InstanceId = submission.InstanceId;
            row.Outcome = submission.Outcome;
            return row;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return row.Reject("The file could not be read: " + ex.Message);
        }
    }

    private static async Task WaitPlainAsync(DurableTaskClient client, List<DocumentRow> rows, bool printProgress, CancellationToken cancellationToken)
    {
        while (true)
        {
            var signal = client.NextChangeAsync();
            var pending = 0;
            foreach (var row in rows.Where(r => r.InstanceId is not null && !r.Done))
            {
                if (await row.RefreshAsync(client, cancellationToken) && printProgress)
                {
                    Console.WriteLine($"[{row.Source}] {row.Describe()}");
                }

                pending += row.Done ? 0 : 1;
            }

            if (pending == 0)
            {
                return;
            }

            await WorkSignal.WaitAsync(signal, TimeSpan.FromMilliseconds(500), TimeProvider.System, cancellationToken);
        }
    }

    private static Task WaitWithProgressBarsAsync(DurableTaskClient client, List<DocumentRow> rows, CancellationToken cancellationToken) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var bars = rows.Where(r => r.InstanceId is not null).ToDictionary(r => r, r => progress.AddTask(Markup.Escape(r.Source), maxValue: 100));
                while (true)
                {
                    var signal = client.NextChangeAsync();
                    foreach (var (row, bar) in bars)
                    {
                        if (!row.Done)
                        {
                            await row.RefreshAsync(client, cancellationToken);
                        }

                        bar.Description = Markup.Escape($"{row.Source}: {row.Describe()}");
                        bar.Value = row.Percent;
                        if (row.Done)
                        {
                            bar.Value = 100;
                            bar.StopTask();
                        }
                    }

                    if (bars.Keys.All(r => r.Done))
                    {
                        return;
                    }

                    await WorkSignal.WaitAsync(signal, TimeSpan.FromMilliseconds(250), TimeProvider.System, cancellationToken);
                }
            });

    private static string Relative(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    private static void PrintSummary(List<DocumentRow> rows)
    {
        var table = new Table().AddColumns("Document", "Status", "Models", "Result / error");
        foreach (var row in rows)
        {
            var color = row.Status == OrchestrationRuntimeStatus.Completed ? "green" : "red";
            table.AddRow(
                Markup.Escape(row.Source),
                $"[{color}]{row.StatusText}[/]",
                Markup.Escape(string.Join(" → ", row.Models)),
                Markup.Escape(row.ResultPath is { } path ? Relative(path) : row.Error ?? string.Empty));
        }

        AnsiConsole.Write(table);
        var completed = rows.Count(r => r.Status == OrchestrationRuntimeStatus.Completed);
        AnsiConsole.MarkupLine($"{completed} of {rows.Count} document(s) completed.");
    }
}
