using Microsoft.DurableTask.Client;
using DocPipeline.Pipeline.Contracts;
using DocPipeline.Host.Triggers;

namespace DocPipeline.Tests.Functions.Triggers;

public sealed class FolderDropTriggerTests : IDisposable
{
    private readonly TempAppRoot _root = new();

    private string Incoming => _root.Combine("incoming");

    [Fact]
    public async Task DroppedFile_TextDocument_RunsAndMovesToProcessed()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartAsync(timeout.Token);
        var trigger = host.Get<FolderDropTrigger>();
        var content = TestDocuments.Memo("folder-ok");

        await File.WriteAllBytesAsync(Path.Combine(Incoming, "memo.txt"), content, timeout.Token);
        await TriggerTestHost.WaitUntilAsync(trigger.Progress, () => File.Exists(Path.Combine(Incoming, "processed", "memo.txt")), timeout.Token);

        var instance = await host.InstanceForAsync(content, timeout.Token);
        Assert.NotNull(instance);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        var input = instance.ReadInputAs<DocumentPipelineInput>()!;
        Assert.Equal("memo.txt", input.SourceName);
        Assert.Equal("blob", input.Trigger);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(Incoming, "processed", "memo.txt"), timeout.Token));
        Assert.Empty(Directory.GetFiles(Incoming));
        Assert.Empty(Directory.GetFiles(Path.Combine(Incoming, ".processing")));
    }

    [Fact]
    public async Task DroppedFile_RunFails_MovesToFailedWithReason()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartAsync(timeout.Token);
        var trigger = host.Get<FolderDropTrigger>();
        var content = TestDocuments.Binary("folder-bad");
        var failed = Path.Combine(Incoming, "failed", "junk.bin");

        await File.WriteAllBytesAsync(Path.Combine(Incoming, "junk.bin"), content, timeout.Token);
        await TriggerTestHost.WaitUntilAsync(trigger.Progress, () => File.Exists(failed), timeout.Token);

        var instance = await host.InstanceForAsync(content, timeout.Token);
        Assert.NotNull(instance);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        Assert.Equal(content, await File.ReadAllBytesAsync(failed, timeout.Token));
        var report = await File.ReadAllTextAsync(failed + ".error.txt", timeout.Token);
        Assert.Contains("ExtractText failed", report, StringComparison.Ordinal);
        Assert.Contains(instance.InstanceId, report, StringComparison.Ordinal);
        Assert.Contains("Status: Failed", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DroppedFile_LargerThanLimit_MovesToFailedWithoutRunning()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartAsync(timeout.Token, new() { ["Pipeline:MaxDocumentBytes"] = "100" });
        var trigger = host.Get<FolderDropTrigger>();
        var content = TestDocuments.Memo("folder-big");
        var failed = Path.Combine(Incoming, "failed", "big.txt");

        await File.WriteAllBytesAsync(Path.Combine(Incoming, "big.txt"), content, timeout.Token);
        await TriggerTestHost.WaitUntilAsync(trigger.Progress, () => File.Exists(failed), timeout.Token);

        Assert.Null(await host.InstanceForAsync(content, timeout.Token));
        var report = await File.ReadAllTextAsync(failed + ".error.txt", timeout.Token);
        Assert.Contains("the limit is 100 (Pipeline:MaxDocumentBytes)", report, StringComparison.Ordinal);
        Assert.Contains("(not started)", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileBeingWritten_OpenAndGrowing_NotPickedUpUntilClosed()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartAsync(timeout.Token);
        var trigger = host.Get<FolderDropTrigger>();
        var content = TestDocuments.Memo("folder-slow");
        var path = Path.Combine(Incoming, "slow.txt");

        await using (var writer = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
        {
            var third = content.Length / 3;
            await writer.WriteAsync(content.AsMemory(0, third), timeout.Token);
            await writer.FlushAsync(timeout.Token);
            await TriggerTestHost.WaitForCyclesAsync(trigger.Progress, 3, timeout.Token);
            Assert.True(File.Exists(path), "a growing file was taken");

            await writer.WriteAsync(content.AsMemory(third, third), timeout.Token);
            await writer.FlushAsync(timeout.Token);
            await TriggerTestHost.WaitForCyclesAsync(trigger.Progress, 3, timeout.Token);
            Assert.True(File.Exists(path), "a file still open for writing was taken");
            Assert.Empty(Directory.GetFiles(Path.Combine(Incoming, ".processing")));

            await writer.WriteAsync(content.AsMemory(2 * third), timeout.Token);
        }

        await TriggerTestHost.WaitUntilAsync(trigger.Progress, () => File.Exists(Path.Combine(Incoming, "processed", "slow.txt")), timeout.Token);
        var instance = await host.InstanceForAsync(content, timeout.Token);
        Assert.NotNull(instance);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
    }

    [Fact]
    public async Task PartialDownloadName_IgnoredUntilRenamed()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartAsync(timeout.Token);
        var trigger = host.Get<FolderDropTrigger>();
        var content = TestDocuments.Memo("folder-part");
        var partial = Path.Combine(Incoming, "report.txt.part");

        await File.WriteAllBytesAsync(partial, content, timeout.Token);
        await TriggerTestHost.WaitForCyclesAsync(trigger.Progress, 3, timeout.Token);
        Assert.True(File.Exists(partial));

        File.Move(partial, Path.Combine(Incoming, "report.txt"));
        await TriggerTestHost.WaitUntilAsync(trigger.Progress, () => File.Exists(Path.Combine(Incoming, "processed", "report.txt")), timeout.Token);
        Assert.NotNull(await host.InstanceForAsync(content, timeout.Token));
    }

    [Fact]
    public async Task Restart_FileLeftInProcessing_ResumedWithoutStartingAgain()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var content = TestDocuments.Memo("folder-resume");
        string? startInput;
        await using (var first = await StartAsync(timeout.Token, runWorker: false))
        {
            var trigger = first.Get<FolderDropTrigger>();
            await File.WriteAllBytesAsync(Path.Combine(Incoming, "resume.txt"), content, timeout.Token);
            await TriggerTestHost.WaitUntilAsync(trigger.Progress, async () => await first.InstanceForAsync(content, timeout.Token) is not null, timeout.Token);
            var pending = await first.InstanceForAsync(content, timeout.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Pending, pending!.RuntimeStatus);
            startInput = pending.SerializedInput;
            Assert.True(File.Exists(Path.Combine(Incoming, ".processing", "resume.txt")));
        }

        await using var second = await StartAsync(timeout.Token);
        var resumed = second.Get<FolderDropTrigger>();
        await TriggerTestHost.WaitUntilAsync(resumed.Progress, () => File.Exists(Path.Combine(Incoming, "processed", "resume.txt")), timeout.Token);

        var instance = await second.InstanceForAsync(content, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance!.RuntimeStatus);
        // A second start would carry a new receipt time in its input.
        Assert.Equal(startInput, instance.SerializedInput);
        Assert.Single(await second.Client.GetAllInstancesAsync().ToListAsync(timeout.Token));
    }

    [Fact]
    public async Task Restart_ProcessedFiles_NotTriggeredAgain()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var good = TestDocuments.Memo("folder-restart");
        var bad = TestDocuments.Binary("folder-restart");
        OrchestrationMetadata goodBefore, badBefore;
        await using (var first = await StartAsync(timeout.Token))
        {
            var trigger = first.Get<FolderDropTrigger>();
            await File.WriteAllBytesAsync(Path.Combine(Incoming, "good.txt"), good, timeout.Token);
            await File.WriteAllBytesAsync(Path.Combine(Incoming, "bad.bin"), bad, timeout.Token);
            await TriggerTestHost.WaitUntilAsync(
                trigger.Progress,
                () => File.Exists(Path.Combine(Incoming, "processed", "good.txt")) && File.Exists(Path.Combine(Incoming, "failed", "bad.bin")),
                timeout.Token);
            goodBefore = (await first.InstanceForAsync(good, timeout.Token))!;
            badBefore = (await first.InstanceForAsync(bad, timeout.Token))!;
        }

        await using var second = await StartAsync(timeout.Token);
        await TriggerTestHost.WaitForCyclesAsync(second.Get<FolderDropTrigger>().Progress, 5, timeout.Token);

        var goodAfter = await second.InstanceForAsync(good, timeout.Token);
        var badAfter = await second.InstanceForAsync(bad, timeout.Token);
        Assert.Equal((goodBefore.CreatedAt, goodBefore.LastUpdatedAt), (goodAfter!.CreatedAt, goodAfter.LastUpdatedAt));
        Assert.Equal((badBefore.CreatedAt, badBefore.LastUpdatedAt, OrchestrationRuntimeStatus.Failed), (badAfter!.CreatedAt, badAfter.LastUpdatedAt, badAfter.RuntimeStatus));
        Assert.Equal(["good.txt"], Directory.GetFiles(Path.Combine(Incoming, "processed")).Select(Path.GetFileName));
        Assert.Equal(["bad.bin", "bad.bin.error.txt"], Directory.GetFiles(Path.Combine(Incoming, "failed")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SameContentDroppedAgain_AlreadyCompleted_FiledWithoutSecondRun()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartAsync(timeout.Token);
        var trigger = host.Get<FolderDropTrigger>();
        var content = TestDocuments.Memo("folder-twice");

        await File.WriteAllBytesAsync(Path.Combine(Incoming, "twice.txt"), content, timeout.Token);
        await TriggerTestHost.WaitUntilAsync(trigger.Progress, () => File.Exists(Path.Combine(Incoming, "processed", "twice.txt")), timeout.Token);
        var first = await host.InstanceForAsync(content, timeout.Token);

        await File.WriteAllBytesAsync(Path.Combine(Incoming, "twice.txt"), content, timeout.Token);
        await TriggerTestHost.WaitUntilAsync(trigger.Progress, () => File.Exists(Path.Combine(Incoming, "processed", "twice (2).txt")), timeout.Token);

        var second = await host.InstanceForAsync(content, timeout.Token);
        Assert.Equal((first!.CreatedAt, first.LastUpdatedAt), (second!.CreatedAt, second.LastUpdatedAt));
    }

    public void Dispose() => _root.Dispose();

    private Task<TriggerTestHost> StartAsync(CancellationToken cancellationToken, Dictionary<string, string?>? settings = null, bool runWorker = true) =>
        TriggerTestHost.StartAsync(_root.Path, TriggerEnvironment.Embedded(_root.Path), settings, runWorker, cancellationToken);
}
