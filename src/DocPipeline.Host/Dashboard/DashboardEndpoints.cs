using System.Reflection;
using DocPipeline.Host.Security;

namespace DocPipeline.Host.Dashboard;

/// <summary>
/// The operator dashboard: the page at <c>/</c> and the live stream at <c>/dashboard/events</c> (both behind the API
/// key), and the page's script and style under <c>/dashboard/</c>, embedded in the assembly. The page itself talks
/// only to the management HTTP API and <c>/api/documents</c>.
/// </summary>
public static partial class DashboardEndpoints
{
    /// <summary>Where the assets and the event stream are served.</summary>
    public const string Prefix = "/dashboard";

    private static readonly Assembly Assembly = typeof(DashboardEndpoints).Assembly;

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
        ["dom.js"] = "text/javascript; charset=utf-8",
        ["timeline.js"] = "text/javascript; charset=utf-8",
        ["result.js"] = "text/javascript; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
    };

    /// <summary>Maps the page, its assets and the event stream.</summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>The endpoints, for chaining.</returns>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/", () => Asset("index.html")).RequireApiKey().ExcludeFromDescription();

        // Code and style only: no instance data, so a browser may fetch them without the key.
        endpoints.MapGet(Prefix + "/{file}", (string file) => Asset(file)).ExcludeFromDescription();
        endpoints.MapGet(Prefix + "/events", StreamEventsAsync).RequireApiKey().ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Asset(string file)
    {
        if (!ContentTypes.TryGetValue(file, out var contentType) || Assembly.GetManifestResourceStream("dashboard/" + file) is not { } stream)
        {
            return Results.NotFound();
        }

        return Results.Stream(stream, contentType);
    }
}
