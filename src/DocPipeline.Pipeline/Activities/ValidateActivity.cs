using DocPipeline.Documents.Analysis;
using DocPipeline.Documents.Validation;
using DocPipeline.Pipeline.Contracts;
using DocPipeline.Pipeline.Storage;

namespace DocPipeline.Pipeline.Activities;

/// <summary>Step 4: combines the chunk answers and checks the result against the schema and the whole redacted text.</summary>
public sealed class ValidateActivity(IArtifactStore artifacts, AnalysisValidator validator) : PipelineActivity<ValidateInput, ValidateOutput>
{
    /// <inheritdoc />
    public override async Task<ValidateOutput> RunAsync(ValidateInput input, CancellationToken cancellationToken)
    {
        var source = await artifacts.GetTextAsync(input.SanitizedKey, cancellationToken).ConfigureAwait(false);
        var combined = AnalysisCombiner.Combine(input.ChunkAnalyses);
        var result = validator.Validate(combined, source);
        return new ValidateOutput(result.IsValid, combined, result.Errors.Take(50).Select(e => e.ToString()).ToList());
    }
}
