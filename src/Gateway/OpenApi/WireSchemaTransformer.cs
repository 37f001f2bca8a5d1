using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Platform.Gateway.Json;

namespace Platform.Gateway.OpenApi;

/// <summary>
/// The schema exporter cannot see through custom converters: describe the wire enums (their
/// names), the offset times (strings in date-time format) and the ISO 8601 durations that the
/// gateway's converters read, and mark decimals (money) as such rather than as doubles.
/// </summary>
internal sealed class WireSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (WireEnumNames(type) is { } names)
        {
            schema.Type = JsonSchemaType.String;
            schema.Enum = names;
        }
        else if (type == typeof(DateTimeOffset) && schema.Type is null)
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = "date-time";
        }
        else if (type == typeof(TimeSpan))
        {
            Duration(schema);
        }
        else if (type == typeof(decimal))
        {
            schema.Format = "decimal";
        }
        else if (context.JsonPropertyInfo?.CustomConverter is IsoDurationListConverter)
        {
            schema.Type = JsonSchemaType.Array | NullIfNullable(schema);
            schema.Items = Duration(new OpenApiSchema());
        }
        else if (schema.Items is null && ElementType(type) is { } element && WireEnumNames(element) is { } elementNames)
        {
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String, Enum = elementNames };
        }

        return Task.CompletedTask;
    }

    private static OpenApiSchema Duration(OpenApiSchema schema)
    {
        schema.Type = JsonSchemaType.String | NullIfNullable(schema);
        schema.Format = "duration";
        schema.Pattern = null;
        schema.Description ??= "ISO 8601 duration in days, hours, minutes or seconds, e.g. PT30M, PT24H, P7D.";
        return schema;
    }

    private static JsonSchemaType NullIfNullable(OpenApiSchema schema) => (schema.Type ?? 0) & JsonSchemaType.Null;

    private static List<JsonNode>? WireEnumNames(Type type) =>
        type.IsEnum && type.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType is { IsGenericType: true } converter
            && converter.GetGenericTypeDefinition() == typeof(WireEnumConverter<>)
            ? type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(field => (JsonNode)JsonValue.Create(field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name))
                .ToList()
            : null;

    private static Type? ElementType(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var element] && typeof(IEnumerable<>).MakeGenericType(element).IsAssignableFrom(type)
            ? element
            : null;
}
