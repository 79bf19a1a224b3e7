using Azure.Storage.Blobs;

namespace DocPipeline.Pipeline;

/// <summary>
/// Where the pipeline keeps originals and artifacts, results and saved model answers: files under a data folder (the
/// embedded mode) or blobs in one storage account, shared by every worker of a task hub.
/// </summary>
public sealed class PipelineStorage
{
    private PipelineStorage(string? dataPath, bool flushToDisk, BlobServiceClient? blobs, string? hubName)
    {
        DataPath = dataPath;
        FlushToDisk = flushToDisk;
        Blobs = blobs;
        HubName = hubName;
    }

    /// <summary>The data folder in file mode: <c>artifacts/</c> and <c>model-responses/</c> below it.</summary>
    public string? DataPath { get; }

    /// <summary>In file mode, whether artifacts are fsynced before they become visible.</summary>
    public bool FlushToDisk { get; }

    /// <summary>The blob service in blob mode.</summary>
    public BlobServiceClient? Blobs { get; }

    /// <summary>The task hub name in blob mode; it prefixes the artifact and model-response containers.</summary>
    public string? HubName { get; }

    /// <summary>
    /// Files: artifacts in <c>{dataPath}/artifacts</c>, saved model answers in <c>{dataPath}/model-responses</c>,
    /// results in <see cref="PipelineOptions.ResultsPath"/>.
    /// </summary>
    /// <param name="dataPath">The data folder.</param>
    /// <param name="flushToDisk">fsync each artifact (match the durable store's own durability).</param>
    public static PipelineStorage Files(string dataPath, bool flushToDisk = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        return new PipelineStorage(dataPath, flushToDisk, null, null);
    }

    /// <summary>
    /// Blobs: artifacts in <c>{hub}-artifacts</c>, saved model answers in <c>{hub}-modelresponses</c>, results in
    /// <c>results</c> (all lower-case; created on first write).
    /// </summary>
    /// <param name="blobs">The blob service.</param>
    /// <param name="hubName">The task hub name.</param>
    public static PipelineStorage InBlobs(BlobServiceClient blobs, string hubName)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentException.ThrowIfNullOrWhiteSpace(hubName);
        return new PipelineStorage(null, false, blobs, hubName);
    }
}
