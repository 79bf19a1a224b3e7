using System.Text.Json;

namespace DocPipeline.Messaging.EventGrid;

public static partial class BlobEventParser
{
    private static BlobCreatedNotification ParseSimple(JsonElement item, string where)
    {
        var url = OptionalUrl(item, "url", where);
        BlobLocation? location;
        if (url is not null)
        {
            location = BlobLocation.FromUrl(url)
                ?? throw new BlobEventParseException($"{where}: URL '{BlobLocation.Describe(url)}' does not name a container and a blob.");
        }
        else
        {
            var container = RequiredString(item, "container", where);
            var name = OptionalString(item, "name", where) ?? OptionalString(item, "blobName", where) ?? OptionalString(item, "blob", where)
                ?? throw new BlobEventParseException($"{where} names container '{container}' but no blob ('name').");
            if (!BlobLocation.IsValid(container, name))
            {
                throw new BlobEventParseException($"{where}: '{container}' / '{name}' is not a valid container and blob name.");
            }

            location = new BlobLocation(container, name, null);
        }

        return new BlobCreatedNotification
        {
            Container = location.Container,
            BlobName = location.BlobName,
            Format = BlobEventFormat.SimpleJson,
            Url = url,
            AccountName = location.AccountName,
            ETag = OptionalString(item, "eTag", where),
            ContentLength = OptionalLength(item, "contentLength", where),
            ContentType = OptionalString(item, "contentType", where),
        };
    }

    private static BlobCreatedNotification FromUrl(Uri url, BlobEventFormat format, string where)
    {
        var location = BlobLocation.FromUrl(url)
            ?? throw new BlobEventParseException($"{where} is URL '{BlobLocation.Describe(url)}', which does not name a container and a blob.");
        return new BlobCreatedNotification
        {
            Container = location.Container,
            BlobName = location.BlobName,
            Format = format,
            Url = url,
            AccountName = location.AccountName,
        };
    }

    private static string? AccountFromTopic(string? topic)
    {
        const string marker = "/storageAccounts/";
        var at = topic?.IndexOf(marker, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (at < 0)
        {
            return null;
        }

        var name = topic![(at + marker.Length)..].Split('/')[0];
        return name.Length > 0 ? name : null;
    }
}
