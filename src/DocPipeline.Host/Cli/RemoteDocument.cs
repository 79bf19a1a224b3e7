using System.Globalization;
using System.Text.Json;

namespace DocPipeline.Host.Cli;

/// <summary>One instance followed over the management API: its latest status, progress and outcome.</summary>
internal sealed class RemoteDocument(string source, string? instanceId)
{
    private static readonly string[] Terminal = ["Completed", "Failed", "Terminated", "Canceled"];
    private string? _lastDescription;

    public string Source { get; } = source;

    /// <summary>The file name for display; <see cref="Source"/> keeps the path as given.</summary>
    public string Name => System.IO.Path.GetFileName(Source) is { Length: > 0 } name ? name : Source;

    public string? InstanceId { get; } = instanceId;

    public string? Outcome { get; init; }

    public string Status { get; private set; } = instanceId is null ? "Rejected" : "Pending";

    public JsonElement? CustomStatus { get; private set; }

    public JsonElement? Output { get; private set; }

    public string? Error { get; set; }

    public bool Done => InstanceId is null || Terminal.Contains(Status, StringComparer.Ordinal);

    public int Percent => Int("percent") ?? (Status == "Completed" ? 100 : 0);

    public IReadOnlyList<string> Models =>
        Output is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("models", out var m) && m.ValueKind == JsonValueKind.Array
            ? m.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToList()
            : [];

    public decimal? CostUsd =>
        Output is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("costUsd", out var c) && c.TryGetDecimal(out var value) ? value : null;

    /// <summary>Reads the status; true when what <see cref="Describe"/> says changed.</summary>
    public async Task<bool> RefreshAsync(ManagementClient client, CancellationToken cancellationToken)
    {
        var response = await client.GetStatusAsync(InstanceId!, showInput: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw response.ToException($"Reading {InstanceId}");
        }

        Update(response.Body!.Value);
        var description = Describe();
        var changed = description != _lastDescription;
        _lastDescription = description;
        return changed;
    }

    public void Update(JsonElement status)
    {
        Status = status.TryGetProperty("runtimeStatus", out var s) ? s.GetString() ?? "Unknown" : "Unknown";
        CustomStatus = status.TryGetProperty("customStatus", out var c) && c.ValueKind == JsonValueKind.Object ? c.Clone() : null;
        Output = status.TryGetProperty("output", out var o) && o.ValueKind != JsonValueKind.Null ? o.Clone() : null;
        if (Status is "Failed" or "Terminated" && Output is { } output)
        {
            Error = output.ValueKind == JsonValueKind.String ? output.GetString() : output.GetRawText();
        }
    }

    public string Describe()
    {
        if (Done || CustomStatus is null)
        {
            return Status;
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"{Text("stage")} {Text("step")} {Percent}%");
        if (Int("chunksTotal") is > 0 and var total)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", chunks {Int("chunksDone") ?? 0}/{total}");
        }

        if (Text("model") is { Length: > 0 } model)
        {
            text += ", " + model;
        }

        return Status == "Running" ? text : $"{Status}: {text}";
    }

    public object ToJson() => new
    {
        instanceId = InstanceId,
        source = Source,
        outcome = Outcome,
        runtimeStatus = Status == "Rejected" ? "Failed" : Status,
        customStatus = CustomStatus,
        output = Output,
        error = Error,
    };

    private string? Text(string name) =>
        CustomStatus is { } c && c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private int? Int(string name) =>
        CustomStatus is { } c && c.TryGetProperty(name, out var v) && v.TryGetInt32(out var n) ? n : null;
}
