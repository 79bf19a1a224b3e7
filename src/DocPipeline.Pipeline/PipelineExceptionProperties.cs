using Microsoft.DurableTask.Worker;

namespace DocPipeline.Pipeline;

/// <summary>
/// Copies <see cref="IPipelineFailure.FailureProperties"/> into the durable failure details. The SDK worker picks it up
/// from dependency injection; a DTFx <c>TaskHubWorker</c> takes it through
/// <see cref="ExceptionPropertiesProviderAdapter"/>.
/// </summary>
public sealed class PipelineExceptionProperties : IExceptionPropertiesProvider
{
    /// <inheritdoc />
    public IDictionary<string, object?>? GetExceptionProperties(Exception exception) =>
        exception is IPipelineFailure { FailureProperties: { Count: > 0 } properties }
            ? properties.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal)
            : null;
}
