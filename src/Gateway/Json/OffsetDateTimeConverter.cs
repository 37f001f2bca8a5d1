using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.Json;
using Platform.Gateway.Errors;

namespace Platform.Gateway.Json;

/// <summary>
/// The contract's times: ISO 8601 with an offset. A time without one is rejected rather than read
/// in the server's zone (clients are in Asia/Shanghai, servers in UTC).
/// </summary>
internal sealed class OffsetDateTimeConverter : JsonConverter<DateTimeOffset>
{
    public const string Hint = "Must be an ISO 8601 time with an offset, e.g. 2026-11-24T09:00:00+08:00.";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value) || !HasOffset(reader.GetString()))
        {
            throw new WireValueException(Hint);
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>
    /// The same rule for a query-string value. An unescaped `+` of the offset arrives as a space
    /// (form decoding); ISO 8601 allows no space there, so it is read as the `+` it was.
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is { Length: > 6 } && text[^6] == ' ' && text[^3] == ':')
        {
            text = string.Concat(text.AsSpan(0, text.Length - 6), "+", text.AsSpan(text.Length - 5));
        }

        return HasOffset(text)
            && DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static bool HasOffset(string? text) =>
        text is { Length: > 6 } && (text[^1] is 'Z' or 'z' || (text[^6] is '+' or '-' && text[^3] == ':'));
}
