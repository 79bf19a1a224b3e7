
namespace DocPipeline.Host.Triggers;

/// <summary>Counts a trigger's finished polling cycles and wakes whoever waits for the next one.</summary>
internal sealed class TriggerProgress
{
    private long _cycles;

    /// <summary>Set after every cycle.</summary>
    public WorkSignal Signal { get; } = new();

    /// <summary>How many cycles have finished.</summary>
    public long Cycles => Interlocked.Read(ref _cycles);

    public void CycleFinished()
    {
        Interlocked.Increment(ref _cycles);
        Signal.Set();
    }
}
