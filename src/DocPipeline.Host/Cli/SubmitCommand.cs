using System.CommandLine;
using System.Text.Json;

namespace DocPipeline.Host.Cli;

/// <summary><c>docpipeline submit &lt;file...&gt; [--wait] [--reprocess]</c>: uploads documents to a running host.</summary>
public static class SubmitCommand
{
    private static readonly JsonSerializerOptions JsonLine = new(JsonSerializerDefaults.Web);

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Documents to upload.", Arity = ArgumentArity.OneOrMore };
        var wait = new Option<bool>("--wait", "-w") { Description = "Follow every document until it finishes, then print a summary; exit 0 only if all completed." };
        var reprocess = new Option<bool>("--reprocess") { Description = "Run documents again even when the same content completed before." };
        var remote = new RemoteOptions();
        var command = new Command("submit", "Upload documents to a running host (POST /api/documents) and print their instance ids.") { files, wait, reprocess };
        remote.AddTo(command);
        RemoteOptions.WithExamples(
            command,
            "docpipeline submit invoice.pdf",
            "docpipeline submit samples/*.pdf --wait",
            "docpipeline submit report.docx --wait --json --server https://myapp.azurewebsites.net --key $FUNCTION_KEY");
        command.SetAction((parse, cancellationToken) => remote.RunAsync(
            parse,
            (client, json, ct) => ExecuteAsync(client, parse.GetValue(files)!, parse.GetValue(wait), parse.GetValue(reprocess), json, ct),
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(ManagementClient client, string[] files, bool wait, bool reprocess, bool json, CancellationToken cancellationToken)
    {
        var interactive = !json && RemoteOptions.Interactive;
        var rows = new List<RemoteDocument>();
        foreach (var file in files)
        {
            var row = await UploadAsync(client, file, reprocess, cancellationToken);
            rows.Add(row);
            if (!json)
            {
                Console.WriteLine(row.InstanceId is null ? $"{row.Name}: refused: {row.Error}" : $"{row.Name}: {row.Outcome} {row.InstanceId}");
            }
        }

        if (wait)
        {
            await RemoteProgress.WaitAsync(client, rows, interactive, printLines: !json, cancellationToken);
        }

        if (json)
        {
            foreach (var row in rows)
            {
                Console.WriteLine(JsonSerializer.Serialize(row.ToJson(), JsonLine));
            }
        }
        else if (wait)
        {
            RemoteProgress.PrintSummary(rows);
        }

        var ok = wait ? rows.All(r => r.Status == "Completed") : rows.All(r => r.InstanceId is not null);
        return ok ? CliExitCodes.Success : CliExitCodes.NotCompleted;
    }

    private static async Task<RemoteDocument> UploadAsync(ManagementClient client, string file, bool reprocess, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file);
        FileStream stream;
        try
        {
            stream = File.OpenRead(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new RemoteDocument(file, null) { Error = "The file could not be read: " + ex.Message };
        }

        await using (stream)
        {
            var response = await client.SubmitAsync(name, stream, reprocess, cancellationToken);
            if (response.IsSuccess && response.String("id") is { } id)
            {
                return new RemoteDocument(file, id) { Outcome = response.Outcome ?? "Accepted" };
            }

            // A refused document is that document's failure; a refused key or a broken server ends the command.
            if ((int)response.Status is 400 or 413 or 415 or 422)
            {
                return new RemoteDocument(file, null) { Error = response.Detail };
            }

            throw response.ToException("Uploading " + name);
        }
    }
}
