using System.Net;
using System.Text.Json;

namespace DocPipeline.Host.Cli;

/// <summary>What the server answered.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Body">The body, when it is JSON.</param>
/// <param name="Text">The body as text.</param>
/// <param name="ContinuationToken">The next page's token of a list.</param>
/// <param name="Outcome">What an upload did (<c>x-docpipeline-outcome</c>): Started, Restarted, AlreadyRunning or AlreadyCompleted.</param>
public sealed record ManagementResponse(HttpStatusCode Status, JsonElement? Body, string Text, string? ContinuationToken = null, string? Outcome = null)
{
    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>The problem's <c>detail</c>, or the body.</summary>
    public string Detail =>
        Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
            ? detail.GetString()!
            : Text.Length > 400 ? Text[..400] + "…" : Text;

    /// <summary>A string property of the body.</summary>
    /// <param name="property">Its name.</param>
    public string? String(string property) =>
        Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Turns an error answer into the exit code scripts rely on.</summary>
    internal CliException ToException(string what) => Status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new CliException(CliExitCodes.Unauthorized, $"{what}: the server wants a valid API key (--key or DOCPIPELINE_API_KEY). {Detail}".TrimEnd()),
        HttpStatusCode.NotFound => new CliException(CliExitCodes.NotFound, $"{what}: not found. {Detail}".TrimEnd()),
        HttpStatusCode.Conflict or HttpStatusCode.Gone => new CliException(CliExitCodes.Conflict, $"{what}: refused in the instance's current state. {Detail}".TrimEnd()),
        _ => new CliException(CliExitCodes.ServerError, $"{what}: the server answered {(int)Status}. {Detail}".TrimEnd()),
    };
}
