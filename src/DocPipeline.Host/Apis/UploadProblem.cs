namespace DocPipeline.Host.Apis;

/// <summary>An upload refused before it reaches the pipeline; becomes a problem-details answer.</summary>
/// <param name="statusCode">The HTTP status.</param>
/// <param name="title">A short summary.</param>
/// <param name="detail">What is wrong and what to do, for the person uploading.</param>
/// <param name="extensions">Machine-readable facts to add to the answer.</param>
internal sealed class UploadProblem(int statusCode, string title, string detail, IDictionary<string, object?>? extensions = null) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;

    public IDictionary<string, object?>? Extensions { get; } = extensions;

    public static UploadProblem BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Bad request", detail);

    public static UploadProblem TooLarge(long limit) => new(
        StatusCodes.Status413PayloadTooLarge,
        "Document too large",
        $"The document is larger than the limit of {limit:N0} bytes (setting Pipeline:MaxDocumentBytes).",
        new Dictionary<string, object?> { ["limitBytes"] = limit });

    public IResult ToResult() => TypedResults.Problem(detail: Message, statusCode: StatusCode, title: Title, extensions: Extensions);
}
