using System.Text;

namespace DocPipeline.Tests.Functions.Triggers;

/// <summary>Small documents the offline pipeline completes, and content it rejects.</summary>
public static class TestDocuments
{
    /// <summary>A short memo; <paramref name="tag"/> makes its content (and so its instance) unique.</summary>
    public static byte[] Memo(string tag) => Encoding.UTF8.GetBytes(
        $"Memo {tag}\n\nOn 3 March 2025 Dana Whitfield of Northwind Traders approved the purchase of twelve laptops for the Berlin office. "
        + $"The total cost was 14,400 EUR. Delivery is expected by the end of April. Reference {tag}.\n");

    /// <summary>Binary content the extractor rejects, so the run fails.</summary>
    public static byte[] Binary(string tag)
    {
        var bytes = new byte[2048];
        new Random(tag.GetHashCode(StringComparison.Ordinal)).NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i += 7)
        {
            bytes[i] = 0;
        }

        return bytes;
    }
}
