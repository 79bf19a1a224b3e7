using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Spectre.Console;

namespace DocPipeline.Host.Cli;

/// <summary><c>docpipeline result &lt;id&gt;</c>: the stored result of a completed run.</summary>
public static class ResultCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The instance id." };
        var remote = new RemoteOptions();
        var command = new Command("result", "Print a completed run's result (GET /api/documents/{id}/result): a summary on a terminal, the JSON when piped or with --json.") { id };
        remote.AddTo(command);
        RemoteOptions.WithExamples(command, "docpipeline result doc-3f2a…", "docpipeline result doc-3f2a… --json > result.json");
        command.SetAction((parse, cancellationToken) => remote.RunAsync(
            parse,
            async (client, json, ct) =>
            {
                var instanceId = parse.GetValue(id)!;
                var response = await client.GetResultAsync(instanceId, ct);
                switch (response.Status)
                {
                    case HttpStatusCode.OK:
                        break;
                    case HttpStatusCode.Accepted:
                        throw new CliException(CliExitCodes.NotFinished, $"{instanceId} has not finished yet ({response.String("runtimeStatus")}); try again, or use 'status {instanceId} --watch'.");
                    case HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity or HttpStatusCode.InternalServerError:
                        throw new CliException(CliExitCodes.NotCompleted, $"{instanceId} has no result: {response.Detail}");
                    default:
                        throw response.ToException("Result of " + instanceId);
                }

                if (json || !RemoteOptions.Interactive || response.Body is not { ValueKind: JsonValueKind.Object } body)
                {
                    Console.WriteLine(response.Text);
                }
                else
                {
                    Print(body);
                }

                return CliExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static void Print(JsonElement result)
    {
        var analysis = Get(result, "result");
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(Text(Get(result, "document"), "source"))}[/] — {Markup.Escape(Text(analysis, "documentType"))}, {Markup.Escape(Text(analysis, "language"))}");
        AnsiConsole.WriteLine(Text(analysis, "summary"));
        var table = new Table().AddColumns("", "");
        table.HideHeaders();
        table.AddRow("Models", Markup.Escape(string.Join(" → ", Strings(result, "models"))));
        var validation = Get(result, "validation");
        var valid = validation.ValueKind == JsonValueKind.Object && validation.TryGetProperty("valid", out var v) && v.ValueKind == JsonValueKind.True;
        table.AddRow("Validation", valid ? "[green]valid[/]" : "[red]" + Markup.Escape(string.Join("; ", Strings(validation, "findings"))) + "[/]");
        table.AddRow("Entities", (Get(analysis, "entities") is { ValueKind: JsonValueKind.Array } e ? e.GetArrayLength() : 0).ToString(CultureInfo.InvariantCulture));
        table.AddRow("Usage", Markup.Escape(Get(Get(result, "usage"), "total") is { ValueKind: JsonValueKind.Object } total ? string.Join(", ", total.EnumerateObject().Select(p => $"{p.Name} {p.Value}")) : string.Empty));
        table.AddRow("Redactions", Markup.Escape(Get(result, "redactions") is { ValueKind: JsonValueKind.Object } r ? string.Join(", ", r.EnumerateObject().Select(p => $"{p.Name} {p.Value}")) : string.Empty));
        AnsiConsole.Write(table);
    }

    private static JsonElement Get(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string Text(JsonElement element, string name) =>
        Get(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : string.Empty;

    private static IEnumerable<string> Strings(JsonElement element, string name) =>
        Get(element, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().Select(x => x.ToString()) : [];
}
