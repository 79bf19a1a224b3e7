namespace DocPipeline.Messaging.EventGrid;

public static partial class BlobEventParser
{
    /// <summary>Gathers what one message holds, setting aside blobs in containers the intake does not read.</summary>
    private sealed class Collector(BlobEventParserOptions options)
    {
        private readonly List<BlobCreatedNotification> _created = [];
        private readonly List<IgnoredBlobEvent> _ignored = [];

        public void Add(BlobCreatedNotification notification)
        {
            if (options.Containers is { Count: > 0 } containers && !containers.Contains(notification.Container, StringComparer.OrdinalIgnoreCase))
            {
                var type = notification.Format switch
                {
                    BlobEventFormat.EventGrid or BlobEventFormat.CloudEvents => BlobCreatedEventType,
                    BlobEventFormat.BlobUrl => "blob URL",
                    _ => "blob reference",
                };
                _ignored.Add(new IgnoredBlobEvent(
                    type,
                    $"/blobServices/default/containers/{notification.Container}/blobs/{notification.BlobName}",
                    notification.EventId,
                    $"Container '{notification.Container}' is not read by this intake (it reads {string.Join(", ", containers.Select(c => $"'{c}'"))})."));
                return;
            }

            _created.Add(notification);
        }

        public void Ignore(IgnoredBlobEvent ignored) => _ignored.Add(ignored);

        public BlobEventParseResult ToResult(bool wasBase64Encoded) => new(_created, _ignored, wasBase64Encoded);
    }
}
