namespace DocPipeline.Messaging.EventGrid;

/// <summary>The shape a blob notification arrived in.</summary>
public enum BlobEventFormat
{
    /// <summary>An Event Grid schema event (<c>eventType</c>, <c>subject</c>, <c>data</c>…).</summary>
    EventGrid,

    /// <summary>A CloudEvents 1.0 event (<c>specversion</c>, <c>type</c>, <c>source</c>, <c>data</c>…).</summary>
    CloudEvents,

    /// <summary>A message that is only a blob URL.</summary>
    BlobUrl,

    /// <summary>A small JSON object: <c>{"url": …}</c> or <c>{"container": …, "name": …}</c>.</summary>
    SimpleJson,
}
