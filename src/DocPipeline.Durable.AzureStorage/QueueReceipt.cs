using Azure.Storage.Queues;

namespace DocPipeline.Durable.AzureStorage;

/// <summary>A queue message this process received and may still update or delete.</summary>
/// <param name="Queue">The queue.</param>
/// <param name="MessageId">The message id.</param>
/// <param name="PopReceipt">The receipt of the latest receive or update.</param>
internal sealed record QueueReceipt(QueueClient Queue, string MessageId, string PopReceipt);
