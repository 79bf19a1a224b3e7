using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace DocPipeline.DurableTask.Http;

/// <summary>A JSON answer with the headers the management API adds: Location, Retry-After and the continuation token.</summary>
/// <param name="statusCode">The status code.</param>
/// <param name="value">The body; written as JSON <c>null</c> when null.</param>
internal sealed class PayloadResult(int statusCode, object? value) : IResult, IStatusCodeHttpResult
{
    public const string ContinuationHeader = "x-ms-continuation-token";

    public int? StatusCode => statusCode;

    public string? Location { get; init; }

    public int? RetryAfterSeconds { get; init; }

    public string? ContinuationToken { get; init; }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        if (RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (ContinuationToken is not null)
        {
            response.Headers[ContinuationHeader] = ContinuationToken;
        }

        return response.WriteAsJsonAsync(value, value?.GetType() ?? typeof(object), HttpJson.Options, "application/json; charset=utf-8", httpContext.RequestAborted);
    }
}
