using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;

namespace DocPipeline.DurableTask.Http;

/// <summary>What a status answer includes, from the <c>showHistory</c>, <c>showHistoryOutput</c>, <c>showInput</c> and <c>returnInternalServerErrorOnFailure</c> parameters.</summary>
internal sealed record StatusQueryOptions(bool ShowHistory, bool ShowHistoryOutput, bool ShowInput, bool ReturnInternalServerErrorOnFailure)
{
    public static bool TryRead(IQueryCollection query, [NotNullWhen(true)] out StatusQueryOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = null;
        if (!QueryParameters.TryGetBoolean(query, "showHistory", false, out var showHistory, out error) ||
            !QueryParameters.TryGetBoolean(query, "showHistoryOutput", false, out var showHistoryOutput, out error) ||
            !QueryParameters.TryGetBoolean(query, "showInput", true, out var showInput, out error) ||
            !QueryParameters.TryGetBoolean(query, "returnInternalServerErrorOnFailure", false, out var failureIs500, out error))
        {
            return false;
        }

        options = new StatusQueryOptions(showHistory, showHistoryOutput, showInput, failureIs500);
        return true;
    }
}
