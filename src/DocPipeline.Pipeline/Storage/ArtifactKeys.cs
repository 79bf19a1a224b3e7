namespace DocPipeline.Pipeline.Storage;

/// <summary>Where each artifact of a run is kept.</summary>
public static class ArtifactKeys
{
    /// <summary>The original bytes of a document, by content hash (identical uploads share one copy).</summary>
    public static string Original(string contentHash) => $"originals/{contentHash}";

    /// <summary>The extracted text.</summary>
    public static string Text(string instanceId) => $"runs/{Safe(instanceId)}/text.txt";

    /// <summary>The extracted per-page texts (PDF).</summary>
    public static string Pages(string instanceId) => $"runs/{Safe(instanceId)}/pages.json";

    /// <summary>The redacted text.</summary>
    public static string Sanitized(string instanceId) => $"runs/{Safe(instanceId)}/sanitized.txt";

    /// <summary>One chunk of redacted text.</summary>
    public static string Chunk(string instanceId, string chunkId) => $"runs/{Safe(instanceId)}/chunks/{chunkId}.txt";

    private static string Safe(string instanceId) => instanceId.Replace(':', '_').Replace('/', '_');
}
