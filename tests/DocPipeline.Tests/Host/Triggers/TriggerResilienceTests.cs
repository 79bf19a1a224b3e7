using DocPipeline.Host.Triggers;

namespace DocPipeline.Tests.Functions.Triggers;

public sealed class TriggerResilienceTests : IDisposable
{
    private readonly TempAppRoot _root = new();

    [Fact]
    public async Task DropFolderBlockedByAFile_ScansFailWithoutCrashing_RecoversOnceFixed()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var blocker = _root.Combine("incoming");
        await File.WriteAllTextAsync(blocker, "a file where the folder should be", timeout.Token);
        await using var host = await TriggerTestHost.StartAsync(_root.Path, TriggerEnvironment.Embedded(_root.Path), cancellationToken: timeout.Token);
        var trigger = host.Get<FolderDropTrigger>();

        await TriggerTestHost.WaitForCyclesAsync(trigger.Progress, 2, timeout.Token);
        Assert.False(trigger.ExecuteTask!.IsCompleted);

        File.Delete(blocker);
        await TriggerTestHost.WaitUntilAsync(trigger.Progress, () => Directory.Exists(_root.Combine("incoming", ".processing")), timeout.Token);
        var content = TestDocuments.Memo("resilience-folder");
        await File.WriteAllBytesAsync(_root.Combine("incoming", "late.txt"), content, timeout.Token);
        await TriggerTestHost.WaitUntilAsync(trigger.Progress, () => File.Exists(_root.Combine("incoming", "processed", "late.txt")), timeout.Token);

        Assert.NotNull(await host.InstanceForAsync(content, timeout.Token));
    }

    public void Dispose() => _root.Dispose();
}
