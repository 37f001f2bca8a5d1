using System.Text.Json.Serialization;

namespace Platform.Gateway.Downstream;

[JsonSerializable(typeof(Dictionary<string, string[]>))]
internal sealed partial class DownstreamJsonContext : JsonSerializerContext;
