using DocPipeline.Durable.AzureStorage;

namespace DocPipeline.Tests.Durable.AzureStorage;

public sealed class QueueOperationsTests
{
    [Theory]
    [InlineData(-5_000, 0)]
    [InlineData(0, 0)]
    [InlineData(300, 1_000)]
    [InlineData(1_000, 1_000)]
    [InlineData(1_001, 2_000)]
    public void ToVisibility_Delay_RoundsUpToWholeSecondsSoNothingWakesEarly(int delayMs, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), QueueOperations.ToVisibility(TimeSpan.FromMilliseconds(delayMs)));

    [Fact]
    public void ToVisibility_BeyondSevenDays_IsCappedAndTheWakeUpIsRearmedLater() =>
        Assert.Equal(QueueOperations.MaxDelay, QueueOperations.ToVisibility(TimeSpan.FromDays(30)));
}
