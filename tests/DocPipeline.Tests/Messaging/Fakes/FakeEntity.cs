namespace DocPipeline.Tests.Messaging.Fakes;

/// <summary>A queue or dead-letter queue of the fake broker; guarded by the server's lock.</summary>
internal sealed class FakeEntity(string path, FakeEntity? deadLetter)
{
    public string Path { get; } = path;

    /// <summary>The dead-letter sub-queue; null for a dead-letter queue itself.</summary>
    public FakeEntity? DeadLetter { get; } = deadLetter;

    public List<FakeBrokerMessage> Messages { get; } = [];
}
