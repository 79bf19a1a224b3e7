using System.Text.RegularExpressions;
using Microsoft.DurableTask.Client;
using DocPipeline.Pipeline;
using DocPipeline.Tests.Functions.Service;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DocPipeline.Tests.Functions.Dashboard;

/// <summary>The dashboard in real headless Chromium against a real <c>serve</c> on 127.0.0.1 with an API key.</summary>
[Collection(ServeCollection.Name)]
public sealed class DashboardTests
{
    private const string Key = "dashboard-test-key-0123456789";

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token;

    // Private callbacks: the held callback receiver that keeps a run Running listens on 127.0.0.1.
    private static Task<ServeTestHost> StartHostAsync(CancellationToken ct) =>
        ServeTestHost.StartAsync(ct, "DOCPIPELINE_API_KEY=" + Key, "DocPipeline:AllowPrivateCallbacks=true");

    private static string PageUrl(ServeTestHost host, string hash = "") => new Uri(host.BaseAddress, "/?code=" + Key + hash).ToString();

    [Fact]
    public async Task Dashboard_DropDocumentWatchAndOpenResult_ShowsRenderedResult()
    {
        var ct = Timeout();
        await using var host = await StartHostAsync(ct);
        await using var browser = await DashboardBrowser.LaunchAsync();
        var (page, errors) = await browser.NewPageAsync(1280, 900);
        using var cancel = ct.Register(() => _ = page.CloseAsync());

        await page.GotoAsync(PageUrl(host));
        await Expect(page.Locator("#live")).ToHaveTextAsync("live");
        var text = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "samples", "support-email-tailspin.txt"), ct);

        // A real drop event carrying a File, as a browser fires it when a file is dragged onto the zone.
        await page.EvaluateAsync(
            """
            text => {
              const data = new DataTransfer();
              data.items.add(new File([text], 'support-email.txt', { type: 'text/plain' }));
              document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
            }
            """,
            text);
        var link = page.Locator("#uploads a");
        await Expect(link).ToHaveTextAsync(new Regex("^doc-[0-9a-f]{32}$"));
        var id = await link.TextContentAsync();

        // The list refreshes by itself from the server-sent events until the run is Completed.
        var row = page.Locator($"tr[data-instance='{id}']");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Completed");
        await DashboardBrowser.ScreenshotAsync(page, "list-1280");

        await link.ClickAsync();
        await Expect(page.Locator("#instance-title")).ToHaveTextAsync(id!);
        await Expect(page.Locator("#instance-summary .badge")).ToHaveTextAsync("Completed");
        var result = page.Locator("#result");
        await Expect(result.GetByRole(AriaRole.Heading, new() { Name = "Summary" })).ToBeVisibleAsync();
        await Expect(result).ToContainTextAsync("Models per chunk");
        await Expect(result).ToContainTextAsync("offline-extractive");
        await Expect(result).ToContainTextAsync("Redactions");
        await Expect(result.Locator("section[aria-label^='Entities'] tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("#timeline li.stage")).ToHaveCountAsync(5);
        await Expect(page.Locator("#history-rows tr").First).ToContainTextAsync("ExecutionStarted");
        Assert.True(await page.Locator("[data-action='rewind']").IsDisabledAsync());
        await DashboardBrowser.ScreenshotAsync(page, "instance-1280");

        var (phone, phoneErrors) = await browser.NewPageAsync(390, 844);
        await phone.GotoAsync(PageUrl(host));
        await Expect(phone.Locator($"tr[data-instance='{id}'] .badge")).ToHaveTextAsync("Completed");
        await DashboardBrowser.ScreenshotAsync(phone, "list-phone");
        await phone.GotoAsync(PageUrl(host, "#/instances/" + id));
        await Expect(phone.Locator("#result")).ToContainTextAsync("Models per chunk");
        var overflow = await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the instance page scrolls sideways on a phone");
        await DashboardBrowser.ScreenshotAsync(phone, "instance-phone");

        Assert.Empty(errors);
        Assert.Empty(phoneErrors);
    }

    [Fact]
    public async Task Dashboard_TerminateRunningInstance_InstanceIsTerminated()
    {
        var ct = Timeout();
        await using var host = await StartHostAsync(ct);
        await using var callback = await HeldCallbackServer.StartAsync(ct);
        using var upload = await host.UploadAsync(ServeJson.UniqueText(), "held.txt", ct, "&callbackUrl=" + Uri.EscapeDataString(callback.Url.ToString()), Key);
        var id = ServeJson.String(await ServeJson.ReadAsync(upload, ct), "id");
        await callback.Called.WaitAsync(ct);
        await using var browser = await DashboardBrowser.LaunchAsync();
        var (page, errors) = await browser.NewPageAsync(1280, 900);
        using var cancel = ct.Register(() => _ = page.CloseAsync());

        await page.GotoAsync(PageUrl(host, "#/instances/" + id));
        await Expect(page.Locator("#instance-summary .badge")).ToHaveTextAsync("Running");
        await Expect(page.Locator("#timeline .seg.running")).ToHaveCountAsync(1);
        await DashboardBrowser.ScreenshotAsync(page, "running-1280");
        await page.Locator("#actions input[name='reason']").FillAsync("stopped by the operator");
        await page.GetByRole(AriaRole.Button, new() { Name = "Terminate" }).ClickAsync();

        await Expect(page.Locator("#instance-summary .badge")).ToHaveTextAsync("Terminated");
        await Expect(page.Locator("#action-message")).ToContainTextAsync("terminate accepted");
        var instance = await host.Durable.GetInstanceAsync(id, getInputsAndOutputs: true, cancellation: ct);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, instance!.RuntimeStatus);
        await Expect(page.Locator("#history-rows")).ToContainTextAsync("ExecutionTerminated");
        await DashboardBrowser.ScreenshotAsync(page, "terminated-1280");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Dashboard_RewindFailedInstance_RunCompletes()
    {
        var ct = Timeout();
        await using var host = await StartHostAsync(ct);
        var content = ServeJson.UniqueText();
        var id = DocumentSubmitter.InstanceIdFor(DocumentSubmitter.Hash(content));

        // A folder where the result file belongs makes StoreResult fail; removing it is the operator's fix.
        var blocker = Path.Combine(host.ResultsPath, id + ".json");
        Directory.CreateDirectory(blocker);
        using var upload = await host.UploadAsync(content, "notes.txt", ct, key: Key);
        var failed = await host.WaitForRunAsync(id, ct);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Directory.Delete(blocker);

        await using var browser = await DashboardBrowser.LaunchAsync();
        var (page, errors) = await browser.NewPageAsync(1280, 900);
        using var cancel = ct.Register(() => _ = page.CloseAsync());
        await page.GotoAsync(PageUrl(host, "#/instances/" + id));
        await Expect(page.Locator("#instance-summary .badge")).ToHaveTextAsync("Failed");
        await Expect(page.Locator("#timeline .seg.failed").First).ToBeVisibleAsync();
        await Expect(page.Locator("#timeline .tag.failed")).ToHaveCountAsync(1);
        await DashboardBrowser.ScreenshotAsync(page, "failed-1280");

        await page.GetByRole(AriaRole.Button, new() { Name = "Rewind" }).ClickAsync();

        await Expect(page.Locator("#instance-summary .badge")).ToHaveTextAsync("Completed");
        await Expect(page.Locator("#result")).ToContainTextAsync("Models per chunk");
        await Expect(page.Locator("#history-rows")).ToContainTextAsync("ExecutionRewound");
        Assert.True(File.Exists(blocker), "the rewound run stored its result");
        await DashboardBrowser.ScreenshotAsync(page, "rewound-1280");
        Assert.Empty(errors);
    }
}
