using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.Json;
using System.Text;
using System.Xml;
using Platform.Gateway.Errors;

namespace Platform.Gateway.Json;

/// <summary>
/// A duration on the wire: ISO 8601 (`PT30M`, `PT24H`, `P7D`). Days, hours, minutes and seconds
/// only; years and months have no fixed length and are refused. Written as whole days from two
/// days up, otherwise as hours, minutes and seconds, so the contract's examples round-trip unchanged.
/// </summary>
internal sealed class IsoDurationConverter : JsonConverter<TimeSpan>
{
    public const string Hint = "Must be an ISO 8601 duration in days, hours, minutes or seconds, e.g. PT30M, PT24H or P7D.";

    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && TryParse(reader.GetString(), out var value) ? value : throw new WireValueException(Hint);

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) => writer.WriteStringValue(Format(value));

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || text.Trim() != text)
        {
            return false;
        }

        var designators = text.Split('T')[0];
        if (designators.Contains('Y') || designators.Contains('M') || text.Contains('W'))
        {
            return false;   // years, months and weeks: XmlConvert would guess their length or refuse
        }

        try
        {
            value = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (Exception exception) when (exception is FormatException or OverflowException)
        {
            return false;
        }
    }

    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            return "-" + Format(value.Duration());
        }

        if (value.Ticks % TimeSpan.TicksPerDay == 0 && value.Days >= 2)
        {
            return string.Create(CultureInfo.InvariantCulture, $"P{value.Days}D");
        }

        var text = new StringBuilder("PT");
        var hours = value.Ticks / TimeSpan.TicksPerHour;
        if (hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}H");
        }

        if (value.Minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{value.Minutes}M");
        }

        var secondTicks = value.Ticks % TimeSpan.TicksPerMinute;
        if (secondTicks > 0 || text.Length == 2)
        {
            var seconds = (decimal)secondTicks / TimeSpan.TicksPerSecond;
            text.Append(seconds.ToString("0.#######", CultureInfo.InvariantCulture)).Append('S');
        }

        return text.ToString();
    }
}

/// <summary>A list of ISO 8601 durations (see <see cref="IsoDurationConverter"/>).</summary>
internal sealed class IsoDurationListConverter : JsonConverter<IReadOnlyList<TimeSpan>>
{
    private const string Hint = "Must be an array of ISO 8601 durations in days, hours, minutes or seconds, e.g. [\"PT30M\", \"PT24H\", \"P7D\"].";

    public override IReadOnlyList<TimeSpan> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new WireValueException(Hint);
        }

        List<TimeSpan> values = [];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.TokenType == JsonTokenType.String && IsoDurationConverter.TryParse(reader.GetString(), out var value)
                ? value
                : throw new WireValueException($"Item {values.Count} is not valid. {Hint}"));
        }

        return values;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<TimeSpan> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteStringValue(IsoDurationConverter.Format(item));
        }

        writer.WriteEndArray();
    }
}
