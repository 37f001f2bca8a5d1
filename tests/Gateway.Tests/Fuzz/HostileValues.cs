using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Gateway.Tests.Fuzz;

/// <summary>
/// The values a hostile or broken caller sends: wrong types, numbers at and past every limit
/// (2^31, 2^63, 1e20, decimal's maximum, more decimals than stored), times at year 1 and 9999,
/// huge strings, NUL and emoji, empty and nested containers. Literals JSON readers disagree on
/// (1e400, -0, NaN) are written raw through placeholders (<see cref="RawLiterals"/>).
/// </summary>
public static class HostileValues
{
    public const string RawPrefix = "__raw_literal_";

    /// <summary>Number-like text no JsonNode can hold, put in place of a "__raw_literal_{i}" string after serialising.</summary>
    public static readonly string[] RawLiterals =
    [
        "1e400", "-1e400", "-0", "1E+20", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
        "79228162514264337593543950336", "1.0000000000000000000000000001", "0.0000000000000000000000000001", "123456789012345678901234567890.5",
        "NaN", "Infinity", "0x10", "01", "1.", ".5", "+1",
    ];

    private static readonly string[] Strings =
    [
        "", " ", "x", "\0", "a\0b", "\u0001\u001f", "😀", "👩‍👩‍👧‍👦🇨🇳", "\uFFFF", "null", "true", "0", "-1", "1e20", "NaN",
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59.9999999-14:00",
        "2026-11-24T09:00:00", "2026-02-30T09:00:00+08:00", "2026-11-24", "0001-01-01", "9999-12-31", "24:00", "2026-11-24T25:61:61Z",
        "P99999999D", "P10675199D", "PT0S", "-PT1H", "P1Y", "P1W", "PT", "P", "PT1.123456789S",
        "00000000-0000-0000-0000-000000000000", "0193A5F0-0000-7000-8000-000000000001", "{0193a5f0-0000-7000-8000-000000000001}",
        "V8", "V-1", "APPROVED", "approved", "rejected", "channel", "C6", "year ", "../../etc/passwd", "%00", "%2F", "<script>", "' OR 1=1 --",
        "c-fuzz\n", " c-fuzz",
    ];

    /// <summary>A fresh hostile JSON value (null for JSON null), or a raw-literal placeholder.</summary>
    public static JsonNode? Next(Random random)
    {
        return random.Next(10) switch
        {
            0 => null,
            1 => Numbers(random),
            2 => Numbers(random),
            3 => JsonValue.Create(Strings[random.Next(Strings.Length)]),
            4 => JsonValue.Create(Strings[random.Next(Strings.Length)]),
            5 => JsonValue.Create(HugeString(random)),
            6 => JsonValue.Create($"{RawPrefix}{random.Next(RawLiterals.Length)}"),
            7 => random.Next(3) switch { 0 => new JsonArray(), 1 => new JsonArray(null, 1, "x"), _ => new JsonObject() },
            8 => Nested(random.Next(2) == 0 ? 20 : 70, random),
            _ => JsonValue.Create(random.Next(2) == 0),
        };
    }

    /// <summary>Mostly a hostile value of the same JSON kind as <paramref name="current"/> (a number for a number), else any.</summary>
    public static JsonNode? Like(JsonNode? current, Random random) => (current?.GetValueKind(), random.Next(10)) switch
    {
        (JsonValueKind.Number, < 7) => Numbers(random),
        (JsonValueKind.String, < 7) => JsonValue.Create(random.Next(6) == 0 ? HugeString(random) : Strings[random.Next(Strings.Length)]),
        _ => Next(random),
    };

    /// <summary>A hostile string for a path or query value (not JSON).</summary>
    public static string NextText(Random random) => random.Next(8) switch
    {
        0 => HugeString(random),
        _ => Strings[random.Next(Strings.Length)],
    };

    private static JsonNode Numbers(Random random) => random.Next(16) switch
    {
        0 => JsonValue.Create(0),
        1 => JsonValue.Create(-1),
        2 => JsonValue.Create(2147483648L),
        3 => JsonValue.Create(-2147483649L),
        4 => JsonValue.Create(9223372036854775807L),
        5 => JsonValue.Create(9223372036854775808m),
        6 => JsonValue.Create(-9223372036854775809m),
        7 => JsonValue.Create(100000000000000000000m),
        8 => JsonValue.Create(-100000000000000000000m),
        9 => JsonValue.Create(decimal.MaxValue),
        10 => JsonValue.Create(1e300),
        11 => JsonValue.Create(0.123456789012345678m),
        12 => JsonValue.Create(100.001m),
        13 => JsonValue.Create(0.00001m),
        14 => JsonValue.Create(0.90001m),
        _ => JsonValue.Create(999999999999999.999m),
    };

    private static string HugeString(Random random)
    {
        var text = new StringBuilder();
        var unit = random.Next(3) switch { 0 => "a", 1 => "😀", _ => "\0x" };
        for (var i = 0; i < 20_000; i++)
        {
            text.Append(unit);
        }

        return text.ToString();
    }

    private static JsonNode Nested(int depth, Random random)
    {
        JsonNode node = JsonValue.Create(1);
        for (var i = 0; i < depth; i++)
        {
            node = random.Next(2) == 0 ? new JsonArray(node) : new JsonObject { ["a"] = node };
        }

        return node;
    }
}
