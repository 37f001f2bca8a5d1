using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Gateway.Engagement;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SettingsRequest))]
[JsonSerializable(typeof(SettingsResponse))]
internal sealed partial class SettingsJsonContext : JsonSerializerContext;
