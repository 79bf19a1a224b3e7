namespace DocPipeline.Host.Apis;

/// <summary>
/// The upload API: <c>POST /api/documents?name=…[&amp;callbackUrl=…][&amp;reprocess=true]</c> starts a document (202
/// with the Durable Functions check-status body), <c>GET /api/documents/{id}/result</c> returns its result.
/// </summary>
public static partial class DocumentsApi
{
    /// <summary>Where the API is served.</summary>
    public const string Prefix = "/api/documents";

    /// <summary>The response header saying what an upload did: Started, Restarted, AlreadyRunning or AlreadyCompleted.</summary>
    public const string OutcomeHeader = "x-docpipeline-outcome";

    /// <summary>The trigger name uploads carry into the pipeline and its metrics.</summary>
    public const string Trigger = "http";

    private const string LogCategory = "DocPipeline.Host.Apis.DocumentsApi";

    /// <summary>Maps the API under <see cref="Prefix"/>.</summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>The route group, so the host can require an API key.</returns>
    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(Prefix);
        group.MapPost(string.Empty, UploadAsync);
        group.MapGet("{instanceId}/result", GetResultAsync);
        return group;
    }
}
