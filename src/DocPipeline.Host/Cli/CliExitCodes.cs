namespace DocPipeline.Host.Cli;

/// <summary>The exit codes of <c>docpipeline</c>, stable for scripts (documented in the README).</summary>
public static class CliExitCodes
{
    /// <summary>Done: every document completed, or the server accepted the request.</summary>
    public const int Success = 0;

    /// <summary>A document or instance ended without a result: failed, terminated, canceled, or its upload was refused.</summary>
    public const int NotCompleted = 1;

    /// <summary>The command line or the settings are wrong.</summary>
    public const int Usage = 2;

    /// <summary>The server could not be reached (refused, unresolvable, timed out).</summary>
    public const int Unreachable = 3;

    /// <summary>The server wants an API key, or refused the one given (401 or 403).</summary>
    public const int Unauthorized = 4;

    /// <summary>No instance with that id (404).</summary>
    public const int NotFound = 5;

    /// <summary>The instance's state does not allow the action, for example terminating a finished run (409 or 410).</summary>
    public const int Conflict = 6;

    /// <summary>The server answered with an unexpected error (other 4xx or 5xx).</summary>
    public const int ServerError = 7;

    /// <summary>The instance has not finished yet (<c>result</c> of a running instance).</summary>
    public const int NotFinished = 8;

    /// <summary>Interrupted by Ctrl+C.</summary>
    public const int Interrupted = 130;
}
