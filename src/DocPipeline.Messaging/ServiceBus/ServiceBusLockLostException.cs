using System.Net;

namespace DocPipeline.Messaging.ServiceBus;

/// <summary>
/// The peek-lock on a message is gone: it expired, the message was settled already, or it was redelivered under a
/// new lock. The message will be (or already was) delivered again; the caller must not assume it was settled.
/// </summary>
public sealed class ServiceBusLockLostException : ServiceBusException
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ServiceBusLockLostException(string message)
        : base(message, null, isTransient: false)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying failure.</param>
    public ServiceBusLockLostException(string message, Exception? innerException)
        : base(message, null, isTransient: false, innerException)
    {
    }

    /// <summary>Creates an exception for a lock the broker reported as lost.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The status the broker answered with (404 or 410).</param>
    public ServiceBusLockLostException(string message, HttpStatusCode statusCode)
        : base(message, statusCode, isTransient: false)
    {
    }
}
