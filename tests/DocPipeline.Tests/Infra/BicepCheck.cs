namespace DocPipeline.Tests.Infra;

/// <summary>The outcome of a syntax check: the exit code (0 clean, 1 syntax errors, 2 usage) and one line per error.</summary>
public sealed record BicepCheck(int ExitCode, IReadOnlyList<string> Errors, string StandardError);
