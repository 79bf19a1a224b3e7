using DocPipeline.Host.Telemetry;

namespace DocPipeline.Host.Security;

/// <summary>Refuses requests to protected endpoints that carry no valid key.</summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyRing keys, ILogger<ApiKeyMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!keys.IsEnabled || context.GetEndpoint()?.Metadata.GetMetadata<RequireApiKeyMetadata>() is null)
        {
            return next(context);
        }

        var presented = context.Request.PresentedKey();
        if (presented.Count == 1 && keys.IsValid(presented[0]))
        {
            return next(context);
        }

        // Only the path is logged: the query string may hold a (wrong) key.
        logger.ApiKeyRejected(context.Request.Method, context.Request.Path.Value ?? "/", presented.Count == 0 ? "missing" : "invalid");
        return Results.Problem(
            title: "Unauthorized",
            detail: presented.Count == 0
                ? $"An API key is required: send it in the '{ApiKeyRing.HeaderName}' header or the '{ApiKeyRing.QueryName}' query parameter."
                : "The API key is not valid.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
    }
}
