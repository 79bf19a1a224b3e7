using DocPipeline.Durable.History;

namespace DocPipeline.Durable.Store;

/// <summary>A message as a store holds it.</summary>
/// <param name="Id">The store's id for the message.</param>
/// <param name="Message">The message.</param>
/// <param name="DequeueCount">How many times the message has been handed to a worker, this time included.</param>
public sealed record StoredMessage(string Id, OrchestrationMessage Message, int DequeueCount);
