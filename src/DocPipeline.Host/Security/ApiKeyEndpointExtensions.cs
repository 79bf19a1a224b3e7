using Microsoft.Extensions.Primitives;

namespace DocPipeline.Host.Security;

/// <summary>Protects endpoints with the host's API keys.</summary>
public static class ApiKeyEndpointExtensions
{
    /// <summary>Requires a valid API key (<c>x-functions-key</c> header or <c>code</c> query parameter) on the endpoints.</summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The endpoints.</param>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(RequireApiKeyMetadata.Instance);
    }

    /// <summary>
    /// Checks the API key of requests to endpoints marked with <see cref="RequireApiKey{TBuilder}"/>, before anything
    /// reads their body; answers 401 with a problem description otherwise. Place it after routing.
    /// </summary>
    /// <param name="app">The application.</param>
    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<ApiKeyMiddleware>();
    }

    /// <summary>The key a request presents: the header first, then the <c>code</c> query parameter.</summary>
    /// <param name="request">The request.</param>
    public static StringValues PresentedKey(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.TryGetValue(ApiKeyRing.HeaderName, out var header) && !StringValues.IsNullOrEmpty(header)
            ? header
            : request.Query[ApiKeyRing.QueryName];
    }
}
