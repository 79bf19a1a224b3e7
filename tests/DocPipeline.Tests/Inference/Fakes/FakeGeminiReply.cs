using System.Text.Json.Nodes;

namespace DocPipeline.Tests.Inference.Fakes;

/// <summary>One scripted answer of <see cref="FakeGeminiServer"/>: status, body, extra headers and latency.</summary>
public sealed record FakeGeminiReply(int Status, string Body)
{
    public const string DefaultModelVersion = "fake-model-001";

    /// <summary>Time the server waits before answering; the wait ends early if the client disconnects.</summary>
    public TimeSpan Latency { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public FakeGeminiReply WithLatency(TimeSpan latency) => this with { Latency = latency };

    public FakeGeminiReply WithHeader(string name, string value) =>
        this with { Headers = new Dictionary<string, string>(Headers) { [name] = value } };

    /// <summary>A complete answer. <paramref name="thought"/> adds a reasoning part before the answer.</summary>
    public static FakeGeminiReply Ok(string text, FakeUsage? usage = null, string? thought = null, string finishReason = "STOP") =>
        Candidate(text, usage ?? new FakeUsage(10, 5), thought, finishReason);

    /// <summary>An answer cut short by the output limit.</summary>
    public static FakeGeminiReply MaxTokens(string partialText = "{\"summary\":\"trunc", FakeUsage? usage = null) =>
        Candidate(partialText, usage ?? new FakeUsage(10, 2048), null, "MAX_TOKENS");

    /// <summary>An answer stopped by a filter (SAFETY, RECITATION, BLOCKLIST, PROHIBITED_CONTENT, SPII …).</summary>
    public static FakeGeminiReply Safety(string finishReason = "SAFETY") =>
        Candidate(string.Empty, new FakeUsage(10, 0), null, finishReason);

    /// <summary>A blocked prompt: no candidates, <c>promptFeedback.blockReason</c> set.</summary>
    public static FakeGeminiReply Blocked(string blockReason = "SAFETY")
    {
        var body = new JsonObject
        {
            ["promptFeedback"] = new JsonObject { ["blockReason"] = blockReason },
            ["usageMetadata"] = new JsonObject { ["promptTokenCount"] = 10, ["totalTokenCount"] = 10 },
            ["modelVersion"] = DefaultModelVersion,
        };
        return new FakeGeminiReply(200, body.ToJsonString());
    }

    /// <summary>A 200 whose body is cut off mid-JSON.</summary>
    public static FakeGeminiReply Malformed() => new(200, "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"half");

    /// <summary>429 RESOURCE_EXHAUSTED with an optional RetryInfo detail and an optional Retry-After header.</summary>
    public static FakeGeminiReply RateLimited(string? retryDelay = "30s", string? retryAfterHeader = null)
    {
        var reply = Error(429, "RESOURCE_EXHAUSTED", "Resource exhausted. Please try again later.", retryDelay);
        return retryAfterHeader is null ? reply : reply.WithHeader("Retry-After", retryAfterHeader);
    }

    /// <summary>500 INTERNAL, 503 UNAVAILABLE or 504 DEADLINE_EXCEEDED.</summary>
    public static FakeGeminiReply ServerError(int status = 500) => status switch
    {
        503 => Error(503, "UNAVAILABLE", "The service is currently unavailable."),
        504 => Error(504, "DEADLINE_EXCEEDED", "Deadline exceeded."),
        _ => Error(status, "INTERNAL", "Internal error encountered."),
    };

    /// <summary>400 for an input over the model's context window, worded as Vertex AI words it.</summary>
    public static FakeGeminiReply InputTooLong(int tokens = 1_500_000, int limit = 1_048_576) =>
        Error(400, "INVALID_ARGUMENT", $"The input token count ({tokens}) exceeds the maximum number of tokens allowed ({limit}).");

    public static FakeGeminiReply BadRequest(string message = "Request contains an invalid argument.", string status = "INVALID_ARGUMENT") =>
        Error(400, status, message);

    public static FakeGeminiReply Unauthorized() =>
        Error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");

    public static FakeGeminiReply Forbidden() =>
        Error(403, "PERMISSION_DENIED", "Permission denied on resource project.");

    public static FakeGeminiReply NotFound(string model = "unknown") =>
        Error(404, "NOT_FOUND", $"Publisher Model `{model}` was not found or your project does not have access to it.");

    /// <summary>A countTokens answer.</summary>
    public static FakeGeminiReply TokenCount(int totalTokens) =>
        new(200, new JsonObject { ["totalTokens"] = totalTokens }.ToJsonString());

    /// <summary>A Google error body: <c>{"error":{"code","message","status","details"}}</c>.</summary>
    public static FakeGeminiReply Error(int status, string googleStatus, string message, string? retryDelay = null)
    {
        var error = new JsonObject { ["code"] = status, ["message"] = message, ["status"] = googleStatus };
        if (retryDelay is not null)
        {
            error["details"] = new JsonArray
            {
                new JsonObject { ["@type"] = "type.googleapis.com/google.rpc.QuotaFailure", ["violations"] = new JsonArray() },
                new JsonObject { ["@type"] = "type.googleapis.com/google.rpc.RetryInfo", ["retryDelay"] = retryDelay },
            };
        }

        return new FakeGeminiReply(status, new JsonObject { ["error"] = error }.ToJsonString());
    }

    private static FakeGeminiReply Candidate(string text, FakeUsage usage, string? thought, string finishReason)
    {
        var parts = new JsonArray();
        if (thought is not null)
        {
            parts.Add(new JsonObject { ["text"] = thought, ["thought"] = true });
        }

        if (text.Length > 0)
        {
            parts.Add(new JsonObject { ["text"] = text });
        }

        var usageJson = new JsonObject
        {
            ["promptTokenCount"] = usage.Prompt,
            ["candidatesTokenCount"] = usage.Candidates,
            ["totalTokenCount"] = usage.Total,
        };
        if (usage.Thoughts > 0)
        {
            usageJson["thoughtsTokenCount"] = usage.Thoughts;
        }

        if (usage.Cached > 0)
        {
            usageJson["cachedContentTokenCount"] = usage.Cached;
        }

        var body = new JsonObject
        {
            ["candidates"] = new JsonArray
            {
                new JsonObject
                {
                    ["content"] = new JsonObject { ["role"] = "model", ["parts"] = parts },
                    ["finishReason"] = finishReason,
                    ["safetyRatings"] = new JsonArray(),
                },
            },
            ["usageMetadata"] = usageJson,
            ["modelVersion"] = DefaultModelVersion,
            ["responseId"] = Guid.NewGuid().ToString("N"),
            ["createTime"] = "2026-01-01T00:00:00Z",
        };
        return new FakeGeminiReply(200, body.ToJsonString());
    }
}
