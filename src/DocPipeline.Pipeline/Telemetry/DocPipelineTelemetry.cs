using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DocPipeline.Pipeline.Telemetry;

/// <summary>
/// The app's trace source and meter, both named <c>DocPipeline</c>. Spans: the upload, the orchestration start, each
/// activity and each model call, in one trace per document. Metrics: see <see cref="PipelineMetrics"/>.
/// </summary>
public static class DocPipelineTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "DocPipeline";

    private static readonly string? Version = typeof(DocPipelineTelemetry).Assembly.GetName().Version?.ToString();

    /// <summary>Where the app's spans come from.</summary>
    public static ActivitySource Source { get; } = new(Name, Version);

    /// <summary>Where the app's metrics come from.</summary>
    public static Meter Meter { get; } = new(Name, Version);
}
