using DocPipeline.Host.Hosting;
using Microsoft.DurableTask.Client;

namespace DocPipeline.Host.Apis;

/// <summary>
/// Probes for orchestrators and load balancers, open without a key: <c>/alive</c> answers while the process runs;
/// <c>/health</c> also reads from the store and answers 503 when it cannot.
/// </summary>
public static class HealthApi
{
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Maps <c>/alive</c> and <c>/health</c>.</summary>
    /// <param name="endpoints">The application's endpoints.</param>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/alive", () => TypedResults.Ok(new { status = "alive" }));
        endpoints.MapGet("/health", CheckAsync);
        return endpoints;
    }

    private static async Task<IResult> CheckAsync(DurableTaskClient client, HttpContext context)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(StoreTimeout);
        try
        {
            // Any id will do: the read proves the store answers.
            await client.GetInstanceAsync("health-probe", cancellation: timeout.Token);
            return TypedResults.Ok(new { status = "healthy", store = ClientSignals.Describe(client) });
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            return TypedResults.Json(new { status = "unhealthy", store = ClientSignals.Describe(client), error = ex.GetType().Name }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
