using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Gateway.Engagement;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(InboxResponse))]
[JsonSerializable(typeof(AdvisorTaskListResponse))]
[JsonSerializable(typeof(AdvisorTaskResponse))]
internal sealed partial class EngagementJsonContext : JsonSerializerContext;
