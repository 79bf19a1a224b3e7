namespace DocPipeline.Pipeline.Contracts;

/// <summary>The orchestration's output: where the result is and its headline facts.</summary>
public sealed record DocumentPipelineOutput(
    string ResultPath,
    IReadOnlyList<string> Models,
    bool Valid,
    int Chunks,
    decimal CostUsd,
    IReadOnlyDictionary<string, int> Redactions);
