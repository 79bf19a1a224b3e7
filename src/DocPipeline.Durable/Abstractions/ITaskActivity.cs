namespace DocPipeline.Durable;

/// <summary>The untyped shape of an activity, as the runtime calls it.</summary>
public interface ITaskActivity
{
    /// <summary>The input type the activity expects.</summary>
    Type InputType { get; }

    /// <summary>Runs the activity.</summary>
    /// <param name="context">Who is calling.</param>
    /// <param name="input">The deserialized input.</param>
    /// <param name="cancellationToken">Signals shutdown.</param>
    Task<object?> RunAsync(TaskActivityContext context, object? input, CancellationToken cancellationToken);
}
