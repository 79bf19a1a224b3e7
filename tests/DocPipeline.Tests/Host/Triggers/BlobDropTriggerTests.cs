using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.DurableTask.Client;
using DocPipeline.Pipeline.Contracts;
using DocPipeline.Host.Triggers;
using DocPipeline.Tests.DurableTask.AzureStorage;

namespace DocPipeline.Tests.Functions.Triggers;

[Collection(AzuriteCollection.Name)]
public sealed class BlobDropTriggerTests(AzuriteFixture azurite) : AzuriteTriggerTestBase(azurite)
{
    [Fact]
    public async Task NewBlob_Submitted_MarkedCompletedWithInstance()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartAsync(timeout.Token, new() { ["Pipeline:IngestQueue:Enabled"] = "false" });
        var trigger = host.Get<BlobDropTrigger>();
        var content = TestDocuments.Memo("blob-ok");
        await Container.CreateIfNotExistsAsync(cancellationToken: timeout.Token);
        var blob = Container.GetBlobClient("reports/memo.txt");
        await blob.UploadAsync(new BinaryData(content), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["owner"] = "finance" } }, timeout.Token);

        await TriggerTestHost.WaitUntilAsync(trigger.Progress, async () => (await StatusOfAsync(blob, timeout.Token)) == "completed", timeout.Token);

        var metadata = (await blob.GetPropertiesAsync(cancellationToken: timeout.Token)).Value.Metadata;
        var instance = await host.InstanceForAsync(content, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance!.RuntimeStatus);
        Assert.Equal(instance.InstanceId, metadata["docpipeline_instance"]);
        Assert.Equal("finance", metadata["owner"]);
        var input = instance.ReadInputAs<DocumentPipelineInput>()!;
        Assert.Equal(("reports/memo.txt", "blob"), (input.SourceName, input.Trigger));
    }

    [Fact]
    public async Task BlobWhoseRunFails_MarkedFailedWithReason_OriginalKept()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartAsync(timeout.Token, new() { ["Pipeline:IngestQueue:Enabled"] = "false" });
        var trigger = host.Get<BlobDropTrigger>();
        var content = TestDocuments.Binary("blob-bad");
        await Container.CreateIfNotExistsAsync(cancellationToken: timeout.Token);
        var blob = Container.GetBlobClient("junk.bin");
        await blob.UploadAsync(new BinaryData(content), timeout.Token);

        await TriggerTestHost.WaitUntilAsync(trigger.Progress, async () => (await StatusOfAsync(blob, timeout.Token)) == "failed", timeout.Token);

        var metadata = (await blob.GetPropertiesAsync(cancellationToken: timeout.Token)).Value.Metadata;
        var instance = await host.InstanceForAsync(content, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance!.RuntimeStatus);
        Assert.Equal(instance.InstanceId, metadata["docpipeline_instance"]);
        Assert.StartsWith("ExtractText failed", metadata["docpipeline_error"], StringComparison.Ordinal);
        Assert.Equal(content, (await blob.DownloadContentAsync(timeout.Token)).Value.Content.ToArray());
    }

    [Fact]
    public async Task BlobLargerThanLimit_MarkedFailedWithoutRunning()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartAsync(timeout.Token, new() { ["Pipeline:IngestQueue:Enabled"] = "false", ["Pipeline:MaxDocumentBytes"] = "100" });
        var trigger = host.Get<BlobDropTrigger>();
        var content = TestDocuments.Memo("blob-big");
        await Container.CreateIfNotExistsAsync(cancellationToken: timeout.Token);
        var blob = Container.GetBlobClient("big.txt");
        await blob.UploadAsync(new BinaryData(content), timeout.Token);

        await TriggerTestHost.WaitUntilAsync(trigger.Progress, async () => (await StatusOfAsync(blob, timeout.Token)) == "failed", timeout.Token);

        var metadata = (await blob.GetPropertiesAsync(cancellationToken: timeout.Token)).Value.Metadata;
        Assert.Contains("the limit is 100 (Pipeline:MaxDocumentBytes)", metadata["docpipeline_error"], StringComparison.Ordinal);
        Assert.False(metadata.ContainsKey("docpipeline_instance"));
        Assert.Null(await host.InstanceForAsync(content, timeout.Token));
    }

    [Fact]
    public async Task UploadInProgress_UncommittedBlocks_NotPickedUpUntilCommitted()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartAsync(timeout.Token, new() { ["Pipeline:IngestQueue:Enabled"] = "false" });
        var trigger = host.Get<BlobDropTrigger>();
        var content = TestDocuments.Memo("blob-blocks");
        await Container.CreateIfNotExistsAsync(cancellationToken: timeout.Token);
        var blob = Container.GetBlockBlobClient("staged.txt");
        var half = content.Length / 2;
        string[] blocks = [Convert.ToBase64String("block-1"u8.ToArray()), Convert.ToBase64String("block-2"u8.ToArray())];
        await blob.StageBlockAsync(blocks[0], new MemoryStream(content, 0, half), cancellationToken: timeout.Token);
        await blob.StageBlockAsync(blocks[1], new MemoryStream(content, half, content.Length - half), cancellationToken: timeout.Token);

        await TriggerTestHost.WaitForCyclesAsync(trigger.Progress, 3, timeout.Token);
        Assert.Null(await host.InstanceForAsync(content, timeout.Token));
        Assert.Empty(await host.Client.GetAllInstancesAsync().ToListAsync(timeout.Token));

        await blob.CommitBlockListAsync(blocks, cancellationToken: timeout.Token);
        var committed = Container.GetBlobClient("staged.txt");
        await TriggerTestHost.WaitUntilAsync(trigger.Progress, async () => (await StatusOfAsync(committed, timeout.Token)) == "completed", timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.InstanceForAsync(content, timeout.Token))!.RuntimeStatus);
    }

    [Fact]
    public async Task Restart_ProcessedBlobs_NotTriggeredAgain()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var good = TestDocuments.Memo("blob-restart");
        var bad = TestDocuments.Binary("blob-restart");
        await Container.CreateIfNotExistsAsync(cancellationToken: timeout.Token);
        var goodBlob = Container.GetBlobClient("good.txt");
        var badBlob = Container.GetBlobClient("bad.bin");
        OrchestrationMetadata goodBefore, badBefore;
        await using (var first = await StartAsync(timeout.Token, new() { ["Pipeline:IngestQueue:Enabled"] = "false" }))
        {
            var trigger = first.Get<BlobDropTrigger>();
            await goodBlob.UploadAsync(new BinaryData(good), timeout.Token);
            await badBlob.UploadAsync(new BinaryData(bad), timeout.Token);
            await TriggerTestHost.WaitUntilAsync(
                trigger.Progress,
                async () => await StatusOfAsync(goodBlob, timeout.Token) == "completed" && await StatusOfAsync(badBlob, timeout.Token) == "failed",
                timeout.Token);
            goodBefore = (await first.InstanceForAsync(good, timeout.Token))!;
            badBefore = (await first.InstanceForAsync(bad, timeout.Token))!;
        }

        var etags = (await goodBlob.GetPropertiesAsync(cancellationToken: timeout.Token)).Value.ETag;
        await using var second = await StartAsync(timeout.Token, new() { ["Pipeline:IngestQueue:Enabled"] = "false" });
        await TriggerTestHost.WaitForCyclesAsync(second.Get<BlobDropTrigger>().Progress, 5, timeout.Token);

        var goodAfter = await second.InstanceForAsync(good, timeout.Token);
        var badAfter = await second.InstanceForAsync(bad, timeout.Token);
        Assert.Equal((goodBefore.CreatedAt, goodBefore.LastUpdatedAt), (goodAfter!.CreatedAt, goodAfter.LastUpdatedAt));
        Assert.Equal((badBefore.CreatedAt, badBefore.LastUpdatedAt), (badAfter!.CreatedAt, badAfter.LastUpdatedAt));
        Assert.Equal(etags, (await goodBlob.GetPropertiesAsync(cancellationToken: timeout.Token)).Value.ETag);
    }

    [Fact]
    public async Task OverwrittenBlob_NewContent_ProcessedAgain()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await using var host = await StartAsync(timeout.Token, new() { ["Pipeline:IngestQueue:Enabled"] = "false" });
        var trigger = host.Get<BlobDropTrigger>();
        var first = TestDocuments.Memo("blob-v1");
        var second = TestDocuments.Memo("blob-v2");
        await Container.CreateIfNotExistsAsync(cancellationToken: timeout.Token);
        var blob = Container.GetBlobClient("versioned.txt");

        await blob.UploadAsync(new BinaryData(first), timeout.Token);
        await TriggerTestHost.WaitUntilAsync(trigger.Progress, async () => (await StatusOfAsync(blob, timeout.Token)) == "completed", timeout.Token);
        await blob.UploadAsync(new BinaryData(second), overwrite: true, timeout.Token);
        await TriggerTestHost.WaitUntilAsync(
            trigger.Progress,
            async () => await StatusOfAsync(blob, timeout.Token) == "completed" && await host.InstanceForAsync(second, timeout.Token) is not null,
            timeout.Token);

        var metadata = (await blob.GetPropertiesAsync(cancellationToken: timeout.Token)).Value.Metadata;
        Assert.Equal((await host.InstanceForAsync(second, timeout.Token))!.InstanceId, metadata["docpipeline_instance"]);
        Assert.Equal(2, (await host.Client.GetAllInstancesAsync().ToListAsync(timeout.Token)).Count);
    }

    private static async Task<string?> StatusOfAsync(Azure.Storage.Blobs.BlobClient blob, CancellationToken cancellationToken)
    {
        var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        return properties.Value.Metadata.TryGetValue("docpipeline_status", out var status) ? status : null;
    }
}
