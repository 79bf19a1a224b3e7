namespace DocPipeline.Tests.Infra;

public sealed class BicepSyntaxTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "docpipeline-bicep", Guid.NewGuid().ToString("N"));

    public BicepSyntaxTests() => Directory.CreateDirectory(_scratch);

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task Check_EveryBicepFile_ParsesWithoutErrors()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var files = BicepParser.AllFiles();
        Assert.Contains(BicepParser.MainFile, files);
        Assert.True(files.Count >= 8, $"expected main.bicep and its modules, found: {string.Join(", ", files)}");

        var check = await BicepParser.CheckAsync(files, timeout.Token);

        Assert.True(check.ExitCode == 0, $"exit code {check.ExitCode}:\n{string.Join('\n', check.Errors)}\n{check.StandardError}");
        Assert.Empty(check.Errors);
    }

    [Theory]
    [InlineData("param ok string = 'a'\n\nvar broken = {\n  name: 'x'\n  value: [\n}\n", 5, 11, "missing ']'")]
    [InlineData("param ok string = 'a'\nparam missing string =\n", 2, 22, "unexpected '='")]
    [InlineData("var a = 'x'\nresource r 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: a b\n}\n", 3, 11, "unexpected 'b'")]
    public async Task Check_BrokenSnippet_ReportsFileLineAndColumn(string source, int line, int column, string message)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var good = Path.Combine(_scratch, "good.bicep");
        var broken = Path.Combine(_scratch, "broken.bicep");
        await File.WriteAllTextAsync(good, "param location string = resourceGroup().location\n", timeout.Token);
        await File.WriteAllTextAsync(broken, source, timeout.Token);

        var check = await BicepParser.CheckAsync([good, broken], timeout.Token);

        Assert.Equal(1, check.ExitCode);
        Assert.Equal([$"{broken}:{line}:{column}: {message}"], check.Errors);
    }

    [Fact]
    public async Task Check_MissingFile_ExitsWithUsageError()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var missing = Path.Combine(_scratch, "absent.bicep");

        var check = await BicepParser.CheckAsync([missing], timeout.Token);

        Assert.Equal(2, check.ExitCode);
        Assert.Contains(missing, check.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_EveryModule_PointsToAParsedFile()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var declarations = await BicepParser.DeclarationsAsync([BicepParser.MainFile], timeout.Token);

        var modules = declarations[BicepParser.MainFile].Modules.EnumerateObject().Select(m => m.Value.GetString()!).ToList();

        Assert.NotEmpty(modules);
        var expected = modules.Select(m => Path.GetFullPath(Path.Combine(BicepParser.BicepRoot, m))).Order(StringComparer.Ordinal);
        var onDisk = BicepParser.AllFiles().Where(f => f != BicepParser.MainFile);
        Assert.Equal(onDisk, expected);
    }
}
