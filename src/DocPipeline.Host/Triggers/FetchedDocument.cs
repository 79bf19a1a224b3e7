namespace DocPipeline.Host.Triggers;

/// <summary>A document a trigger received or downloaded, and the name it is shown under.</summary>
/// <param name="Content">The bytes.</param>
/// <param name="SourceName">The file or blob name.</param>
internal sealed record FetchedDocument(ReadOnlyMemory<byte> Content, string SourceName);
