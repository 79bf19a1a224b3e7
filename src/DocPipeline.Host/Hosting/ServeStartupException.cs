namespace DocPipeline.Host.Hosting;

/// <summary>
/// A setting keeps the app from starting: the message names the setting and says what is wrong with it. Raised
/// before anything listens or touches a store; the CLI prints the message and exits non-zero.
/// </summary>
public sealed class ServeStartupException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="setting">The setting at fault, as it is written in configuration (for example <c>Host:LocalHttpPort</c>).</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The parse error behind it, if any.</param>
    public ServeStartupException(string setting, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Setting = setting;
    }

    /// <summary>The setting at fault.</summary>
    public string Setting { get; }
}
