using Microsoft.Azure.Functions.Worker;

namespace DocPipeline.Functions.Tests.Support;

/// <summary>
/// The invocation context the Functions host would hand a function: the worker's services, binding data and the
/// invocation's cancellation token. The host itself cannot run here, so tests call the functions with this.
/// </summary>
internal sealed class TestFunctionContext(IServiceProvider services, IReadOnlyDictionary<string, object?>? bindingData = null, CancellationToken cancellationToken = default) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId { get; } = Guid.NewGuid().ToString();

    public override TraceContext TraceContext => throw new NotSupportedException("Not used by the functions under test.");

    public override BindingContext BindingContext { get; } = new TestBindingContext(bindingData ?? new Dictionary<string, object?>());

    public override RetryContext RetryContext => throw new NotSupportedException("Not used by the functions under test.");

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException("Not used by the functions under test.");

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException("Not used by the functions under test.");

    public override CancellationToken CancellationToken { get; } = cancellationToken;

    private sealed class TestBindingContext(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = data;
    }
}
