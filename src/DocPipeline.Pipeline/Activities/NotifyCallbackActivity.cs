using System.Net.Http.Json;
using DocPipeline.Pipeline.Contracts;

namespace DocPipeline.Pipeline.Activities;

/// <summary>Tells the caller's callback URL that the result is ready; the orchestrator retries it on durable timers.</summary>
public sealed class NotifyCallbackActivity(IHttpClientFactory httpClients) : PipelineActivity<NotifyCallbackInput, int>
{
    /// <summary>The named HTTP client used for callbacks.</summary>
    public const string HttpClientName = "callbacks";

    /// <inheritdoc />
    public override async Task<int> RunAsync(NotifyCallbackInput input, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        using var response = await client.PostAsJsonAsync(
            input.CallbackUrl,
            new { instanceId = input.InstanceId, runtimeStatus = "Completed", resultPath = input.ResultPath, valid = input.Valid },
            cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The callback answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        return (int)response.StatusCode;
    }
}
