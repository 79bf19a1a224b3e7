using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.DurableTask.Client;
using DocPipeline.Pipeline.Contracts;

namespace DocPipeline.Tests.Functions.Service;

/// <summary>POST /api/documents against <c>serve</c> on real Kestrel with the embedded store.</summary>
[Collection(ServeCollection.Name)]
public sealed class UploadApiTests
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;

    [Fact]
    public async Task Upload_RawBody_Returns202WithCheckStatusBodyAndHeaders()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);

        using var response = await host.UploadAsync(ServeJson.UniqueText(), "report.txt", ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await ServeJson.ReadAsync(response, ct);
        var id = ServeJson.String(body, "id");
        Assert.StartsWith("doc-", id, StringComparison.Ordinal);
        var status = ServeJson.String(body, "statusQueryGetUri");
        Assert.StartsWith(new Uri(host.BaseAddress, "runtime/webhooks/durabletask/instances/" + id).ToString(), status, StringComparison.Ordinal);
        foreach (var link in new[] { "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "restartPostUri", "suspendPostUri", "resumePostUri" })
        {
            Assert.Contains(id, ServeJson.String(body, link), StringComparison.Ordinal);
        }

        Assert.Equal(status, response.Headers.Location?.ToString());
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        Assert.Equal("Started", Assert.Single(response.Headers.GetValues("x-docpipeline-outcome")));
    }

    [Fact]
    public async Task Upload_ThenPollStatusThenResult_CompletesEndToEnd()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);
        var content = ServeJson.UniqueText("Invoice INV-2041 from Northwind Books totals 1,250.00 EUR, due on 2026-12-15.");

        using var accepted = await host.UploadAsync(content, "invoice.txt", ct);
        var body = await ServeJson.ReadAsync(accepted, ct);
        var id = ServeJson.String(body, "id");
        var statusUri = ServeJson.String(body, "statusQueryGetUri");

        using (var early = await host.Client.GetAsync(statusUri, ct))
        {
            Assert.Contains(early.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.OK });
        }

        var finished = await host.WaitForRunAsync(id, ct);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);

        using var status = await host.Client.GetAsync(statusUri, ct);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var statusBody = await ServeJson.ReadAsync(status, ct);
        Assert.Equal("Completed", ServeJson.String(statusBody, "runtimeStatus"));
        Assert.Equal("http", statusBody.GetProperty("input").GetProperty("trigger").GetString());

        using var result = await host.Client.GetAsync($"api/documents/{id}/result", ct);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal("application/json", result.Content.Headers.ContentType?.MediaType);
        var json = await ServeJson.ReadAsync(result, ct);
        Assert.Equal(id, ServeJson.String(json, "instanceId"));
        Assert.Equal("invoice.txt", json.GetProperty("document").GetProperty("source").GetString());
        Assert.True(File.Exists(Path.Combine(host.ResultsPath, id + ".json")));
    }

    [Fact]
    public async Task Upload_SameContentTwice_ReturnsSameInstance()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);
        var content = ServeJson.UniqueText();

        using var first = await host.UploadAsync(content, "a.txt", ct);
        var firstId = ServeJson.String(await ServeJson.ReadAsync(first, ct), "id");
        using var second = await host.UploadAsync(content, "b.txt", ct);

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(firstId, ServeJson.String(await ServeJson.ReadAsync(second, ct), "id"));
        Assert.Contains(Assert.Single(second.Headers.GetValues("x-docpipeline-outcome")), new[] { "AlreadyRunning", "AlreadyCompleted" });

        await host.WaitForRunAsync(firstId, ct);
        using var third = await host.UploadAsync(content, "c.txt", ct);
        Assert.Equal(firstId, ServeJson.String(await ServeJson.ReadAsync(third, ct), "id"));
        Assert.Equal("AlreadyCompleted", Assert.Single(third.Headers.GetValues("x-docpipeline-outcome")));
    }

    [Fact]
    public async Task Upload_ReprocessAfterCompletion_RestartsTheSameInstance()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);
        var content = ServeJson.UniqueText();
        using var first = await host.UploadAsync(content, "a.txt", ct);
        var id = ServeJson.String(await ServeJson.ReadAsync(first, ct), "id");
        await host.WaitForRunAsync(id, ct);

        using var again = await host.UploadAsync(content, "a.txt", ct, "&reprocess=true");

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("Restarted", Assert.Single(again.Headers.GetValues("x-docpipeline-outcome")));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.WaitForRunAsync(id, ct)).RuntimeStatus);
    }

    [Fact]
    public async Task Upload_Multipart_UsesThePartsFileNameAndFormFields()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(ServeJson.UniqueText()), "file", "minutes.txt" },
            { new StringContent("http://127.0.0.1:9/hook"), "callbackUrl" },
        };

        using var response = await host.Client.PostAsync("api/documents", form, ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = ServeJson.String(await ServeJson.ReadAsync(response, ct), "id");
        var instance = await host.Durable.GetInstanceAsync(id, getInputsAndOutputs: true, ct);
        var input = instance!.ReadInputAs<DocumentPipelineInput>()!;
        Assert.Equal("minutes.txt", input.SourceName);
        Assert.Equal("http://127.0.0.1:9/hook", input.CallbackUrl);
        await host.Durable.TerminateInstanceAsync(id, "the callback address refuses connections", ct);
    }

    [Fact]
    public async Task Upload_MultipartWithTwoFiles_Returns400()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(ServeJson.UniqueText()), "file", "one.txt" },
            { new ByteArrayContent(ServeJson.UniqueText()), "file2", "two.txt" },
        };

        using var response = await host.Client.PostAsync("api/documents", form, ct);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "one file per request", ct);
    }

    [Fact]
    public async Task Upload_MultipartWithoutFile_Returns400()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);
        using var form = new MultipartFormDataContent { { new StringContent("true"), "reprocess" } };

        using var response = await host.Client.PostAsync("api/documents", form, ct);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "no file", ct);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\windows\\win.ini", "win.ini")]
    [InlineData("/var/tmp/re\u202Eport\u0007.txt", "report.txt")]
    public async Task Upload_TraversalName_IsStoredSanitized(string name, string expected)
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);

        using var response = await host.UploadAsync(ServeJson.UniqueText(), name, ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = ServeJson.String(await ServeJson.ReadAsync(response, ct), "id");
        var instance = await host.Durable.GetInstanceAsync(id, getInputsAndOutputs: true, ct);
        Assert.Equal(expected, instance!.ReadInputAs<DocumentPipelineInput>()!.SourceName);
        Assert.False(File.Exists(Path.Combine(host.Root, "..", "..", "etc", "passwd")));
    }

    [Fact]
    public async Task Upload_LargerThanLimit_Returns413WithoutReadingIt()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct, "Pipeline:MaxDocumentBytes=1000");

        using var response = await host.UploadAsync(new byte[1001], "big.txt", ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "Pipeline:MaxDocumentBytes", ct);
        Assert.Equal(1000, problem.GetProperty("limitBytes").GetInt64());
    }

    [Fact]
    public async Task Upload_ChunkedBodyLargerThanLimit_Returns413()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct, "Pipeline:MaxDocumentBytes=1000");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/documents?name=big.txt")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string('a', 5000)))),
        };
        request.Headers.TransferEncodingChunked = true;

        using var response = await host.Client.SendAsync(request, ct);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "1,000 bytes", ct);
    }

    [Fact]
    public async Task Upload_MultipartFileLargerThanLimit_Returns413()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct, "Pipeline:MaxDocumentBytes=1000");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(new string('b', 1500))), "file", "big.txt" } };

        using var response = await host.Client.PostAsync("api/documents", form, ct);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "Pipeline:MaxDocumentBytes", ct);
    }

    [Fact]
    public async Task Upload_EmptyBody_Returns400()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);

        using var response = await host.UploadAsync([], "empty.txt", ct);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "no document", ct);
    }

    [Fact]
    public async Task Upload_PngImage_Returns415()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1];

        using var response = await host.UploadAsync(png, "scan.pdf", ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "PNG", ct);
        Assert.Equal("UnsupportedType", problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Upload_WindowsExecutable_Returns415()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);
        var exe = new byte[256];
        exe[0] = (byte)'M';
        exe[1] = (byte)'Z';
        exe[0x3C] = 0x80;
        "PE\0\0"u8.CopyTo(exe.AsSpan(0x80));

        using var response = await host.UploadAsync(exe, "invoice.pdf", ct);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "executable", ct);
    }

    [Fact]
    public async Task Upload_ZipThatIsNotAWordDocument_Returns415()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = await archive.CreateEntry("photos/readme.txt").OpenAsync(ct);
            await entry.WriteAsync("not a document"u8.ToArray(), ct);
        }

        using var response = await host.UploadAsync(zip.ToArray(), "report.docx", ct);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "zip", ct);
    }

    [Fact]
    public async Task Upload_PasswordProtectedOfficeFile_Returns422()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);
        byte[] header = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        byte[] encrypted = [.. header, .. new byte[504], .. Encoding.Unicode.GetBytes("EncryptedPackage"), .. new byte[64]];

        using var response = await host.UploadAsync(encrypted, "contract.docx", ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, string.Empty, ct);
        Assert.Equal("Encrypted", problem.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("&callbackUrl=ftp://example.test/x", "callbackUrl")]
    [InlineData("&callbackUrl=not-a-url", "callbackUrl")]
    [InlineData("&callbackUrl=https://user:pw@example.test/x", "callbackUrl")]
    [InlineData("&reprocess=maybe", "reprocess")]
    public async Task Upload_BadOption_Returns400NamingIt(string query, string option)
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);

        using var response = await host.UploadAsync(ServeJson.UniqueText(), "a.txt", ct, query);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, option, ct);
    }

    [Fact]
    public async Task Upload_NoName_UsesFallbackName()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);
        using var content = new ByteArrayContent(ServeJson.UniqueText());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");

        using var response = await host.Client.PostAsync("api/documents", content, ct);

        var id = ServeJson.String(await ServeJson.ReadAsync(response, ct), "id");
        var instance = await host.Durable.GetInstanceAsync(id, getInputsAndOutputs: true, ct);
        Assert.Equal("document", instance!.ReadInputAs<DocumentPipelineInput>()!.SourceName);
    }

    internal static async Task<System.Text.Json.JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string detailContains, CancellationToken ct)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ServeJson.ReadAsync(response, ct);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.Contains(detailContains, ServeJson.String(problem, "detail"), StringComparison.OrdinalIgnoreCase);
        return problem;
    }
}
