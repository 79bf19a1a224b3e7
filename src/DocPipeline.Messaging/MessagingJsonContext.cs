using System.Text.Json.Serialization;

namespace DocPipeline.Messaging;

/// <summary>Source-generated JSON metadata for the few plain values this library serializes.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class MessagingJsonContext : JsonSerializerContext;
