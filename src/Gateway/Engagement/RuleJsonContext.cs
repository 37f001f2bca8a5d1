using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Gateway.Engagement;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RuleRequest))]
[JsonSerializable(typeof(RuleResponse))]
[JsonSerializable(typeof(RuleResponse[]))]
internal sealed partial class RuleJsonContext : JsonSerializerContext;
