using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Gateway.Content;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ContentItemRequest))]
[JsonSerializable(typeof(ContentItemResponse))]
[JsonSerializable(typeof(ContentItemResponse[]))]
[JsonSerializable(typeof(PutClientTagsRequest))]
[JsonSerializable(typeof(ClientTagsResponse))]
[JsonSerializable(typeof(SegmentRequest))]
[JsonSerializable(typeof(SegmentResponse))]
[JsonSerializable(typeof(SegmentResponse[]))]
[JsonSerializable(typeof(FeedResponse))]
internal sealed partial class ContentJsonContext : JsonSerializerContext;
