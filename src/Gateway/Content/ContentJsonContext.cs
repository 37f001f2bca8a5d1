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
[JsonSerializable(typeof(ExperimentRequest))]
[JsonSerializable(typeof(ExperimentResponse))]
[JsonSerializable(typeof(ExperimentResponse[]))]
[JsonSerializable(typeof(ExperimentResultsResponse))]
[JsonSerializable(typeof(ConversionRequest))]
[JsonSerializable(typeof(ConversionResponse))]
internal sealed partial class ContentJsonContext : JsonSerializerContext;
