using DocPipeline.Pipeline.Contracts;
using DocPipeline.Pipeline.Storage;

namespace DocPipeline.Pipeline.Activities;

/// <summary>Step 5: writes <c>results/{instanceId}.json</c> and returns where it is.</summary>
public sealed class StoreResultActivity(IResultStore results) : PipelineActivity<StoreResultInput, string>
{
    /// <inheritdoc />
    public override Task<string> RunAsync(StoreResultInput input, CancellationToken cancellationToken) =>
        results.SaveAsync(input.Result, cancellationToken);
}
