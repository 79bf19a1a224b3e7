using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DocPipeline.Tests.Functions.Service;

/// <summary>
/// The app started through its real entry point (<c>docpipeline</c> with host arguments runs <c>serve</c>) on the
/// in-memory test server, in a temporary app root.
/// </summary>
public sealed class ServeAppFactory : WebApplicationFactory<Program>
{
    private readonly string[] _settings;

    public ServeAppFactory(params string[] settings)
    {
        _settings = settings;
        Root = ServeTestHost.NewRoot();
    }

    public string Root { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(Root);
        builder.UseSetting("Pipeline:ResultsPath", Path.Combine(Root, "results"));
        foreach (var setting in _settings)
        {
            var at = setting.IndexOf('=', StringComparison.Ordinal);
            builder.UseSetting(setting[..at], setting[(at + 1)..]);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            ServeTestHost.DeleteRoot(Root);
        }
    }
}
