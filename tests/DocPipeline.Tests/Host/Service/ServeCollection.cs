namespace DocPipeline.Tests.Functions.Service;

/// <summary>
/// The serve host tests run one class at a time: each starts a full host (worker, triggers, Kestrel), and the
/// telemetry tests listen to the process-wide DocPipeline source and meter.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ServeCollection
{
    public const string Name = "Serve";
}
