using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace DocPipeline.Tests.Inference;

/// <summary>Writes a service-account JSON key file with a freshly generated RSA key and a chosen token endpoint.</summary>
internal static class ServiceAccountKeyFile
{
    public static string Write(string directory, Uri tokenUri)
    {
        using var rsa = RSA.Create(2048);
        var key = new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = TestGemini.Project,
            ["private_key_id"] = "key-1",
            ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = "pipeline@test-project.iam.gserviceaccount.com",
            ["client_id"] = "1234567890",
            ["token_uri"] = tokenUri.AbsoluteUri,
        };
        var path = Path.Combine(directory, "service-account.json");
        File.WriteAllText(path, key.ToJsonString());
        return path;
    }
}
