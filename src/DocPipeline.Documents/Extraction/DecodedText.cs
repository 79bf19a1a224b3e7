namespace DocPipeline.Documents.Extraction;

/// <summary>Decoded text, the encoding it was read with, and a note when the encoding had to be inferred.</summary>
internal sealed record DecodedText(string Text, string Encoding)
{
    public string? Warning { get; init; }
}
