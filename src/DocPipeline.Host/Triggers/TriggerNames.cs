namespace DocPipeline.Host.Triggers;

/// <summary>The <c>trigger</c> recorded with each document: how it arrived.</summary>
internal static class TriggerNames
{
    public const string BlobDrop = "blob";

    public const string Queue = "queue";

    public const string ServiceBus = "servicebus";
}
