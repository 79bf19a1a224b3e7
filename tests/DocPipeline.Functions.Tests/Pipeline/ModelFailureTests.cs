using DocPipeline.Inference;
using DocPipeline.Pipeline;
using DocPipeline.Pipeline.Contracts;
using DocPipeline.Pipeline.Models;
using Microsoft.DurableTask;

namespace DocPipeline.Functions.Tests.Pipeline;

/// <summary>Reading a model failure back from what a runtime carries: properties where kept, the inner failure where not.</summary>
public sealed class ModelFailureTests
{
    private static readonly PipelinePlan Plan = new(["a", "b"], 3, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(2), 3);

    [Fact]
    public void From_PropertiesDropped_ReadsKindAndDelayFromTheInnerFailure()
    {
        var exception = new ModelInvocationException(new ModelCallException(ModelErrorKind.RateLimited, "gemini-2.5-pro", "Quota; exceeded = yes") { RetryAfter = TimeSpan.FromSeconds(3600) });
        var withProperties = TaskFailureDetails.FromException(exception);
        var stripped = Strip(withProperties);

        var failure = ModelFailure.From(stripped);

        Assert.Equal("RateLimited", failure.Kind);
        Assert.Equal(TimeSpan.FromSeconds(3600), failure.RetryAfter);
        Assert.Equal("Quota; exceeded = yes", failure.Message);
        Assert.Equal(ModelFailureAction.Fallback, failure.Decide(Plan, attempt: 1, depth: 0));
    }

    [Fact]
    public void From_PropertiesCarried_ReadsThem()
    {
        var details = new TaskFailureDetails(typeof(ModelInvocationException).FullName!, "refused", null, null, new Dictionary<string, object?> { ["kind"] = "InvalidRequest" });

        var failure = ModelFailure.From(details);

        Assert.Equal("InvalidRequest", failure.Kind);
        Assert.Equal(ModelFailureAction.Fail, failure.Decide(Plan, attempt: 1, depth: 0));
    }

    [Fact]
    public void From_UnrelatedException_IsUnexpectedAndRetried()
    {
        var failure = ModelFailure.From(TaskFailureDetails.FromException(new FileNotFoundException("Artifact 'x' was not found.")));

        Assert.Equal("Unexpected", failure.Kind);
        Assert.Equal(ModelFailureAction.Retry, failure.Decide(Plan, attempt: 1, depth: 0));
    }

    [Fact]
    public void IsPermanent_PermanentPipelineExceptionByTypeName_True()
    {
        Assert.True(TaskFailures.IsPermanent(Strip(TaskFailureDetails.FromException(new PermanentPipelineException("no text")))));
        Assert.False(TaskFailures.IsPermanent(TaskFailureDetails.FromException(new HttpRequestException("503"))));
    }

    [Fact]
    public void GetExceptionProperties_PipelineFailure_CopiesItsFacts()
    {
        var properties = new PipelineExceptionProperties().GetExceptionProperties(
            new PermanentPipelineException("bad", new Dictionary<string, string> { ["stage"] = "extract" }));

        Assert.Equal("extract", Assert.Contains("stage", properties!));
        Assert.Null(new PipelineExceptionProperties().GetExceptionProperties(new InvalidOperationException("x")));
    }

    private static TaskFailureDetails Strip(TaskFailureDetails details) =>
        new(details.ErrorType, details.ErrorMessage, details.StackTrace, details.InnerFailure is null ? null : Strip(details.InnerFailure), null);
}
