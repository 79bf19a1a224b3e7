using System.Text.Json.Serialization;

namespace DocPipeline.Durable;

/// <summary>
/// What went wrong in an activity, sub-orchestration or orchestration: the exception type, its message and stack,
/// the inner failure, and whether retrying can help.
/// </summary>
/// <param name="ErrorType">The full name of the exception type.</param>
/// <param name="ErrorMessage">The exception message.</param>
/// <param name="StackTrace">The stack trace, if any.</param>
/// <param name="InnerFailure">The failure that caused this one, if any.</param>
/// <param name="IsNonRetriable">True when the failure is permanent: retry policies do not retry it.</param>
public sealed record TaskFailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    TaskFailureDetails? InnerFailure = null,
    bool IsNonRetriable = false)
{
    /// <summary>Extra machine-readable facts about the failure (for example a retry-after hint).</summary>
    [JsonPropertyName("properties")]
    public IReadOnlyDictionary<string, string>? Properties { get; init; }

    /// <summary>Builds failure details from an exception, following inner exceptions.</summary>
    /// <param name="exception">The exception.</param>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException tfe)
        {
            // Keep which call failed, so a rewind knows which step to run again.
            return new TaskFailureDetails(
                typeof(TaskFailedException).FullName!,
                tfe.Message,
                tfe.StackTrace,
                tfe.FailureDetails,
                tfe.FailureDetails.IsNonRetriable)
            {
                Properties = new Dictionary<string, string>
                {
                    ["taskName"] = tfe.TaskName,
                    ["taskId"] = tfe.TaskId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            };
        }

        var nonRetriable = exception is INonRetriableException { IsNonRetriable: true };
        var properties = (exception as IFailureProperties)?.FailureProperties;
        return new TaskFailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException),
            nonRetriable)
        {
            Properties = properties,
        };
    }

    /// <summary>Whether this failure, or one of its inner failures, was caused by an exception of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The exception type.</typeparam>
    public bool IsCausedBy<T>()
        where T : Exception
    {
        var name = typeof(T).FullName;
        for (var f = this; f is not null; f = f.InnerFailure)
        {
            if (f.ErrorType == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
