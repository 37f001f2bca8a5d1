using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Platform.Gateway.Json;

namespace Platform.Gateway.OpenApi;

/// <summary>
/// The schema exporter cannot see through custom converters: describe the wire enums (their
/// names) and the offset times (strings in date-time format) that the gateway's converters read.
/// </summary>
internal sealed class WireSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type.IsEnum && type.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType is { IsGenericType: true } converter
            && converter.GetGenericTypeDefinition() == typeof(WireEnumConverter<>))
        {
            schema.Type = JsonSchemaType.String;
            schema.Enum = type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(field => (JsonNode)JsonValue.Create(field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name))
                .ToList();
        }
        else if (type == typeof(DateTimeOffset) && schema.Type is null)
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = "date-time";
        }

        return Task.CompletedTask;
    }
}
