namespace DocPipeline.Tests.Messaging.TestSupport;

/// <summary>Bounds integration tests so a hang fails the test instead of the run.</summary>
public static class TestTimeout
{
    public static CancellationTokenSource Start(int seconds = 30) => new(TimeSpan.FromSeconds(seconds));
}
