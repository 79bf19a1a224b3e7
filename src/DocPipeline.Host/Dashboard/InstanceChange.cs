using System.Text.Json.Nodes;

namespace DocPipeline.Host.Dashboard;

/// <summary>One server-sent event: <c>status</c> (the instance's list row, as <c>GET /instances</c> shows it) or <c>removed</c>.</summary>
internal sealed record InstanceChange(string Kind, JsonObject Payload);
