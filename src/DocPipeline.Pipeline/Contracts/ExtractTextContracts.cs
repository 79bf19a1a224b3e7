namespace DocPipeline.Pipeline.Contracts;

/// <summary>Input of ExtractText.</summary>
public sealed record ExtractTextInput(string InstanceId, string DocumentKey, string SourceName);

/// <summary>Output of ExtractText: facts about the document and where its text was stored.</summary>
public sealed record ExtractTextOutput(
    string Kind,
    string MediaType,
    string TextKey,
    string? PagesKey,
    int? PageCount,
    int CharCount,
    long ByteSize,
    string? Title,
    string? Author,
    IReadOnlyList<string> Warnings);
