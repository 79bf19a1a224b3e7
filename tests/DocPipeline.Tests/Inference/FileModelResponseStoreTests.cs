using DocPipeline.Inference.Caching;

namespace DocPipeline.Tests.Inference;

public sealed class FileModelResponseStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task TryGetAsync_MissingKeyOrDirectory_ReturnsNull()
    {
        var store = new FileModelResponseStore(Path.Combine(_directory.Path, "not-created-yet"));

        Assert.Null(await store.TryGetAsync("absent", TestGemini.Bounded()));
    }

    [Fact]
    public async Task SaveAsync_ThenTryGetAsync_RoundTripsUnicode()
    {
        var store = new FileModelResponseStore(Path.Combine(_directory.Path, "nested", "store"));

        await store.SaveAsync("k1", "{\"text\":\"Zürich — 東京 ✓\"}", TestGemini.Bounded());

        Assert.Equal("{\"text\":\"Zürich — 東京 ✓\"}", await store.TryGetAsync("k1", TestGemini.Bounded()));
    }

    [Fact]
    public async Task SaveAsync_Twice_ReplacesAndLeavesNoTemporaryFiles()
    {
        var store = new FileModelResponseStore(_directory.Path);

        await store.SaveAsync("k1", "old", TestGemini.Bounded());
        await store.SaveAsync("k1", "new", TestGemini.Bounded());

        Assert.Equal("new", await store.TryGetAsync("k1", TestGemini.Bounded()));
        Assert.Equal([Path.Combine(_directory.Path, "k1.json")], Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public async Task SaveAsync_ConcurrentWritersOfOneKey_LeaveOneCompletePayload()
    {
        var store = new FileModelResponseStore(_directory.Path);
        var payloads = Enumerable.Range(0, 16).Select(i => new string((char)('a' + i), 100_000)).ToList();

        await Task.WhenAll(payloads.Select(p => store.SaveAsync("shared", p, TestGemini.Bounded())));

        Assert.Contains(await store.TryGetAsync("shared", TestGemini.Bounded()), payloads);
        Assert.Single(Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public async Task SaveAsync_CancelledBeforeWriting_KeepsThePreviousPayload()
    {
        var store = new FileModelResponseStore(_directory.Path);
        await store.SaveAsync("k1", "kept", TestGemini.Bounded());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveAsync("k1", "lost", cancelled.Token));

        Assert.Equal("kept", await store.TryGetAsync("k1", TestGemini.Bounded()));
        Assert.Single(Directory.GetFiles(_directory.Path));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("with space")]
    public async Task SaveAsync_UnsafeKey_ThrowsArgumentExceptionNamingTheKey(string key)
    {
        var store = new FileModelResponseStore(_directory.Path);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(key, "x", TestGemini.Bounded()));

        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_directory.Path));
    }
}
