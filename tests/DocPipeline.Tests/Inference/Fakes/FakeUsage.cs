namespace DocPipeline.Tests.Inference.Fakes;

/// <summary>Token counts a scripted reply reports in <c>usageMetadata</c>.</summary>
public sealed record FakeUsage(int Prompt, int Candidates, int Thoughts = 0, int Cached = 0)
{
    public int Total => Prompt + Candidates + Thoughts;
}
