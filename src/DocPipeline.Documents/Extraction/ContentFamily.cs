namespace DocPipeline.Documents.Extraction;

/// <summary>The first, byte-level split of incoming content; text formats are told apart after decoding.</summary>
internal enum ContentFamily
{
    Pdf,
    Zip,
    Text,
}
