using DocPipeline.Durable;
using DocPipeline.Functions.Pipeline.Contracts;
using DocPipeline.Functions.Storage;

namespace DocPipeline.Functions.Activities;

/// <summary>Step 5: writes <c>results/{instanceId}.json</c> and returns where it is.</summary>
public sealed class StoreResultActivity(IResultStore results) : TaskActivity<StoreResultInput, string>
{
    /// <inheritdoc />
    public override Task<string> RunAsync(StoreResultInput input, CancellationToken cancellationToken) =>
        results.SaveAsync(input.Result, cancellationToken);
}
