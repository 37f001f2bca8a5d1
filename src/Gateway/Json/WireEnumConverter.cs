using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json;
using Platform.Gateway.Errors;

namespace Platform.Gateway.Json;

/// <summary>
/// An enum on the wire: exactly the names given by <see cref="JsonStringEnumMemberNameAttribute"/>,
/// never numbers, and an error that lists the allowed names (never the value that was sent).
/// </summary>
internal sealed class WireEnumConverter<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>
    : JsonConverter<T> where T : struct, Enum
{
    public static IReadOnlyList<string> Names { get; } = typeof(T)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name)
        .ToArray();

    private static readonly Dictionary<string, T> ByName = typeof(T)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .ToDictionary(
            field => field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name,
            field => (T)field.GetValue(null)!,
            StringComparer.Ordinal);

    private static readonly Dictionary<T, string> ByValue = ByName.ToDictionary(pair => pair.Value, pair => pair.Key);

    private static readonly string Hint = $"Must be one of: {string.Join(", ", Names)}.";

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.GetString() is { } name && ByName.TryGetValue(name, out var value)
            ? value
            : throw new WireValueException(Hint);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ByValue.TryGetValue(value, out var name) ? name : throw new JsonException($"{typeof(T).Name} has no wire name for {value}."));

    public static string Format(T value) => ByValue[value];

    /// <summary>Exactly a wire name (for query strings, which JSON does not read).</summary>
    public static bool TryParse(string? name, out T value)
    {
        value = default;
        return name is not null && ByName.TryGetValue(name, out value);
    }

    /// <summary>"Must be one of: ...", for validators.</summary>
    public static string AllowedHint => Hint;
}
