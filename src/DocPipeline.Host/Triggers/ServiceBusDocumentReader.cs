using System.Runtime.CompilerServices;
using DocPipeline.Pipeline;
using Azure.Messaging.ServiceBus;
using DocPipeline.Messaging.EventGrid;
using Microsoft.Extensions.Options;

namespace DocPipeline.Host.Triggers;

/// <summary>
/// Reads the documents a Service Bus message carries:
/// <list type="number">
/// <item>With a <c>name</c> application property, the body is the document itself and <c>name</c> its file name.</item>
/// <item>Otherwise a body that <see cref="BlobEventParser"/> reads (a blob URL, Event Grid events, CloudEvents, plain
/// or base64, one or an array) names blobs, which are downloaded as the storage-queue trigger does.</item>
/// <item>Otherwise a body sent as JSON or a URI list (<c>application/json</c>, <c>application/cloudevents+json</c>,
/// <c>application/cloudevents-batch+json</c>, <c>text/uri-list</c>) was meant as a notification and is rejected with
/// the parser's reason.</item>
/// <item>Anything else is the document itself, named by the message subject (label), else by its id.</item>
/// </list>
/// A JSON document must therefore be sent with a <c>name</c>.
/// </summary>
internal sealed class ServiceBusDocumentReader(
    BlobFetcher fetcher,
    BlobEventParserOptions intake,
    IOptions<PipelineOptions> pipeline,
    ILogger<ServiceBusDocumentReader> logger)
{
    /// <summary>The application property that marks the body as the document and names it.</summary>
    public const string NameProperty = "name";

    private static readonly string[] NotificationContentTypes =
        ["application/json", "application/cloudevents+json", "application/cloudevents-batch+json", "text/uri-list"];

    /// <summary>The documents of one message, downloading blobs one at a time.</summary>
    /// <exception cref="UnprocessableInputException">The message can never be handled.</exception>
    public async IAsyncEnumerable<FetchedDocument> ReadAsync(ServiceBusReceivedMessage message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var name = message.ApplicationProperties.FirstOrDefault(p => string.Equals(p.Key, NameProperty, StringComparison.OrdinalIgnoreCase)).Value?.ToString();
        if (!string.IsNullOrWhiteSpace(name))
        {
            yield return Raw(message, name.Trim());
            yield break;
        }

        BlobEventParseResult? parsed = null;
        string? parseError = null;
        try
        {
            parsed = BlobEventParser.Parse(message.Body, intake);
        }
        catch (BlobEventParseException ex)
        {
            parseError = ex.Message;
        }

        if (parsed is null)
        {
            if (IsNotificationContentType(message.ContentType))
            {
                throw new UnprocessableInputException($"The message is sent as '{message.ContentType}' but is not a blob notification: {parseError}")
                {
                    Category = "UnparseableMessage",
                };
            }

            yield return Raw(message, message.Subject is { Length: > 0 } label ? label : "servicebus-" + (message.MessageId ?? message.SequenceNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            yield break;
        }

        parsed.LogIgnored(logger);

        foreach (var notification in parsed.Created)
        {
            yield return await fetcher.FetchAsync(notification, cancellationToken);
        }
    }

    private FetchedDocument Raw(ServiceBusReceivedMessage message, string name)
    {
        var content = message.Body.ToMemory();
        var limit = pipeline.Value.MaxDocumentBytes;
        return content.Length > limit
            ? throw UnprocessableInputException.TooLarge($"The document in message '{message.MessageId}'", content.Length, limit)
            : new FetchedDocument(content, name);
    }

    private static bool IsNotificationContentType(string? contentType)
    {
        var mediaType = contentType?.Split(';')[0].Trim();
        return mediaType is not null && NotificationContentTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase);
    }
}
