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
    private const string Hint = "Must be an ISO 8601 time with an offset, e.g. 2026-11-24T09:00:00+08:00.";

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

    private static bool HasOffset(string? text) =>
        text is { Length: > 6 } && (text[^1] is 'Z' or 'z' || (text[^6] is '+' or '-' && text[^3] == ':'));
}
