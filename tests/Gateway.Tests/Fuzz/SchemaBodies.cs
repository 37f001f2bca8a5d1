using System.Text.Json.Nodes;
using Platform.Gateway.Tests.Routes;

namespace Platform.Gateway.Tests.Fuzz;

/// <summary>A body made from an OpenAPI schema, for routes <see cref="ValidBodies"/> does not know: every property, plausible values.</summary>
public static class SchemaBodies
{
    public static JsonNode? From(JsonObject schema, JsonObject schemas, Random random, int depth = 0)
    {
        schema = OpenApiRoutes.Resolve(schema, schemas);
        if (depth > 6)
        {
            return null;
        }

        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values[random.Next(values.Count)]?.DeepClone();
        }

        return Type(schema) switch
        {
            "object" when schema["properties"] is JsonObject properties => new JsonObject(properties.Select(p =>
                KeyValuePair.Create(p.Key, From(p.Value!.AsObject(), schemas, random, depth + 1)))),
            "object" => new JsonObject(),
            "array" => new JsonArray(schema["items"] is JsonObject items ? From(items, schemas, random, depth + 1) : null),
            "integer" => JsonValue.Create(random.Next(1, 10)),
            "number" => JsonValue.Create(random.Next(1, 1000) / 4m),
            "boolean" => JsonValue.Create(true),
            "string" => (string?)schema["format"] switch
            {
                "date-time" => JsonValue.Create("2026-11-24T09:00:00+08:00"),
                "duration" => JsonValue.Create("PT30M"),
                "date" => JsonValue.Create("2026-11-24"),
                "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
                _ => JsonValue.Create("x1"),
            },
            _ => null,
        };
    }

    /// <summary>The schema's type other than null ("string" from ["null", "string"]).</summary>
    private static string? Type(JsonObject schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
        JsonValue type => (string?)type,
        _ => schema["properties"] is not null ? "object" : null,
    };
}
