using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Gateway.Engagement;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(OutreachAuditResponse))]
[JsonSerializable(typeof(MomentReportResponse))]
internal sealed partial class OutreachJsonContext : JsonSerializerContext;
