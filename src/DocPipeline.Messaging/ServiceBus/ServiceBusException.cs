using System.Net;

namespace DocPipeline.Messaging.ServiceBus;

/// <summary>
/// A Service Bus REST call failed: the broker answered with an error status, or the request never got an answer.
/// </summary>
public class ServiceBusException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ServiceBusException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying failure.</param>
    public ServiceBusException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception that describes a failed broker call.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The HTTP status the broker answered with, or <see langword="null"/> when there was no answer.</param>
    /// <param name="isTransient">Whether retrying the same call later may succeed.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ServiceBusException(string message, HttpStatusCode? statusCode, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        IsTransient = isTransient;
    }

    /// <summary>The HTTP status the broker answered with; <see langword="null"/> when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Whether the same call may succeed if retried later (timeouts, throttling, 5xx, connection failures).</summary>
    public bool IsTransient { get; }
}
