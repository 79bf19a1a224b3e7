using DocPipeline.Durable;
using DocPipeline.Host.Pipeline.Contracts;
using DocPipeline.Host.Storage;

namespace DocPipeline.Host.Activities;

/// <summary>Step 5: writes <c>results/{instanceId}.json</c> and returns where it is.</summary>
public sealed class StoreResultActivity(IResultStore results) : TaskActivity<StoreResultInput, string>
{
    /// <inheritdoc />
    public override Task<string> RunAsync(StoreResultInput input, CancellationToken cancellationToken) =>
        results.SaveAsync(input.Result, cancellationToken);
}
