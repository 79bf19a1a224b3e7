using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DocPipeline.Tests.DurableTask.Http;

/// <summary>Assertions on management API answers.</summary>
public static partial class HttpAssert
{
    public static readonly string[] StatusFields =
        ["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"];

    public static readonly string[] CheckStatusFields =
        ["id", "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "restartPostUri", "suspendPostUri", "resumePostUri"];

    /// <summary>Asserts the status code and a ProblemDetails body with a non-empty detail; returns the detail.</summary>
    public static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await ManagementApiHost.ReadJsonAsync(response);
        Assert.Equal((int)expected, body.GetProperty("status").GetInt32());
        var detail = body.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(detail));
        return detail!;
    }

    public static void StatusTime(JsonElement value)
    {
        Assert.Equal(JsonValueKind.String, value.ValueKind);
        Assert.Matches(StatusTimePattern(), value.GetString());
    }

    public static void HistoryTime(JsonElement value)
    {
        Assert.Equal(JsonValueKind.String, value.ValueKind);
        Assert.Matches(HistoryTimePattern(), value.GetString());
    }

    public static string[] PropertyNames(JsonElement value) => [.. value.EnumerateObject().Select(p => p.Name)];

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex StatusTimePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$")]
    private static partial Regex HistoryTimePattern();
}
