using System.Diagnostics;
using DocPipeline.Pipeline.Telemetry;

namespace DocPipeline.Host.Apis;

/// <summary>The server span of an upload, continuing the caller's W3C trace context when it sent one.</summary>
internal static class UploadSpan
{
    private const string HostingActivity = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

    public static Activity? Start(HttpContext context)
    {
        if (!DocPipelineTelemetry.Source.HasListeners())
        {
            return null;
        }

        var parent = default(ActivityContext);
        if (context.Request.Headers.TraceParent.ToString() is { Length: > 0 } traceParent)
        {
            ActivityContext.TryParse(traceParent, context.Request.Headers.TraceState.ToString(), isRemote: true, out parent);
        }

        // ASP.NET Core's own request activity is not exported here; parenting on it would leave a hole in the trace,
        // so the upload span takes its place as the request's span.
        if (Activity.Current?.OperationName == HostingActivity)
        {
            Activity.Current = null;
        }

        var span = DocPipelineTelemetry.Source.StartActivity("POST " + DocumentsApi.Prefix, ActivityKind.Server, parent);
        span?.SetTag("http.request.method", "POST");
        span?.SetTag("http.route", DocumentsApi.Prefix);
        return span;
    }
}
