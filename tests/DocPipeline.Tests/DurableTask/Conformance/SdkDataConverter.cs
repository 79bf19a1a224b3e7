using Microsoft.DurableTask.Converters;

namespace DocPipeline.Tests.DurableTask.Conformance;

/// <summary>DurableTask.Core's converter contract over the SDK's JSON converter, so the client serializes inputs as the shims read them.</summary>
public sealed class SdkDataConverter : global::DurableTask.Core.Serializing.DataConverter
{
    public override string Serialize(object value) => JsonDataConverter.Default.Serialize(value)!;

    public override string Serialize(object value, bool formatted) => Serialize(value);

    public override object Deserialize(string data, Type objectType) => JsonDataConverter.Default.Deserialize(data, objectType)!;
}
