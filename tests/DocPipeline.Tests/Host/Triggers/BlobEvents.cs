using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DocPipeline.Tests.Functions.Triggers;

/// <summary>BlobCreated notifications as Event Grid and CloudEvents deliver them to a storage queue.</summary>
public static class BlobEvents
{
    private const string Topic = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/devstoreaccount1";

    public static JsonObject EventGrid(Uri blobUrl, string container, string name, long length, string eventType = "Microsoft.Storage.BlobCreated") => new()
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["topic"] = Topic,
        ["subject"] = $"/blobServices/default/containers/{container}/blobs/{name}",
        ["eventType"] = eventType,
        ["eventTime"] = "2025-03-03T10:00:00.0000000Z",
        ["data"] = Data(blobUrl, length),
        ["dataVersion"] = string.Empty,
        ["metadataVersion"] = "1",
    };

    public static JsonObject CloudEvent(Uri blobUrl, string container, string name, long length) => new()
    {
        ["specversion"] = "1.0",
        ["type"] = "Microsoft.Storage.BlobCreated",
        ["source"] = Topic,
        ["id"] = Guid.NewGuid().ToString(),
        ["time"] = "2025-03-03T10:00:00.0000000Z",
        ["subject"] = $"/blobServices/default/containers/{container}/blobs/{name}",
        ["data"] = Data(blobUrl, length),
    };

    /// <summary>One event, or an array when there are several (or when <paramref name="forceArray"/>), optionally base64-encoded.</summary>
    public static string Message(IReadOnlyList<JsonObject> events, bool base64, bool forceArray = false)
    {
        var json = events.Count == 1 && !forceArray ? events[0].ToJsonString() : new JsonArray([.. events.Select(e => (JsonNode)e.DeepClone())]).ToJsonString();
        return base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(json)) : json;
    }

    private static JsonObject Data(Uri blobUrl, long length) => new()
    {
        ["api"] = "PutBlob",
        ["clientRequestId"] = Guid.NewGuid().ToString(),
        ["requestId"] = Guid.NewGuid().ToString(),
        ["eTag"] = "0x8DB0000000000000",
        ["contentType"] = "text/plain",
        ["contentLength"] = length,
        ["blobType"] = "BlockBlob",
        ["url"] = blobUrl.ToString(),
        ["sequencer"] = "0000000000000000000000000000000000000000000000000000000000000001",
        ["storageDiagnostics"] = JsonSerializer.SerializeToNode(new { batchId = Guid.NewGuid().ToString() }),
    };
}
