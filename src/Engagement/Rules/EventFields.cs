using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Platform.Engagement.Facts;

namespace Platform.Engagement.Rules;

/// <summary>
/// An event's fields as conditions see them, read through the protobuf descriptor so every event (and every field added
/// later) is covered without a hand-written mapping: <c>event.&lt;JSON name&gt;</c> to a <see cref="string"/> (text),
/// a <see cref="decimal"/> (numbers, and the exact decimals <c>DecimalValue</c>/<c>Amount</c>), a
/// <see cref="DateTimeOffset"/> (<c>Timestamp</c>) or a <see cref="bool"/>. An unset message field and an empty string
/// are absent, as proto3 cannot tell them from "not sent". Durations, lists, maps and other messages are not offered.
/// </summary>
public static class EventFields
{
    public const string Prefix = "event.";

    /// <summary>The fields of a message type and their kinds.</summary>
    public static IReadOnlyDictionary<string, FieldKind> KindsOf(MessageDescriptor descriptor)
    {
        var kinds = new Dictionary<string, FieldKind>(StringComparer.Ordinal);
        foreach (var field in descriptor.Fields.InDeclarationOrder())
        {
            if (KindOf(field) is { } kind)
            {
                kinds[Prefix + field.JsonName] = kind;
            }
        }

        return kinds;
    }

    /// <summary>The values of one event, keyed as conditions name them.</summary>
    public static IReadOnlyDictionary<string, object?> Of(IMessage message)
    {
        var fields = Offered.GetOrAdd(message.Descriptor, OfferedFields);
        var values = new Dictionary<string, object?>(fields.Length, StringComparer.Ordinal);
        foreach (var (field, key) in fields)
        {
            if (ValueOf(field, field.Accessor.GetValue(message)) is { } value)
            {
                values[key] = value;
            }
        }

        return values;
    }

    /// <summary>
    /// Each message type's offered fields and their keys, worked out once: the lifecycle consumer reads the fields of every
    /// event it consumes, and walking the descriptor and building the keys again each time was a good part of its own CPU.
    /// </summary>
    private static readonly ConcurrentDictionary<MessageDescriptor, (FieldDescriptor Field, string Key)[]> Offered = new();

    private static (FieldDescriptor Field, string Key)[] OfferedFields(MessageDescriptor descriptor) =>
        [.. descriptor.Fields.InDeclarationOrder().Where(f => KindOf(f) is not null).Select(f => (f, Prefix + f.JsonName))];

    private static FieldKind? KindOf(FieldDescriptor field)
    {
        if (field.IsRepeated || field.IsMap)
        {
            return null;
        }

        return field.FieldType switch
        {
            FieldType.String or FieldType.Enum => FieldKind.Text,
            FieldType.Bool => FieldKind.Flag,
            FieldType.Double or FieldType.Float or FieldType.Int32 or FieldType.Int64 or FieldType.UInt32 or FieldType.UInt64
                or FieldType.SInt32 or FieldType.SInt64 or FieldType.Fixed32 or FieldType.Fixed64 or FieldType.SFixed32
                or FieldType.SFixed64 => FieldKind.Number,
            FieldType.Message when field.MessageType.FullName == Timestamp.Descriptor.FullName => FieldKind.Time,
            FieldType.Message when IsDecimal(field.MessageType) => FieldKind.Number,
            _ => null,
        };
    }

    /// <summary>The platform's exact decimals (activity's DecimalValue, Tiering's Amount): units plus nanos / 1e9.</summary>
    private static bool IsDecimal(MessageDescriptor message) =>
        message.Fields.InDeclarationOrder() is [{ Name: "units", FieldType: FieldType.Int64 }, { Name: "nanos", FieldType: FieldType.SFixed32 or FieldType.Int32 }];

    private static object? ValueOf(FieldDescriptor field, object? raw) => raw switch
    {
        null => null,
        string text => text.Length == 0 ? null : text,
        bool flag => flag,
        Timestamp time => time.ToDateTimeOffset(),
        IMessage number when IsDecimal(number.Descriptor) => DecimalOf(number),
        double or float when !double.IsFinite(Convert.ToDouble(raw, System.Globalization.CultureInfo.InvariantCulture)) => null,
        int or long or uint or ulong or float or double => Convert.ToDecimal(raw, System.Globalization.CultureInfo.InvariantCulture),
        System.Enum when field.FieldType == FieldType.Enum => raw.ToString(),
        _ => null,
    };

    private static decimal DecimalOf(IMessage value)
    {
        var fields = value.Descriptor.Fields.InDeclarationOrder();
        var units = (long)fields[0].Accessor.GetValue(value);
        var nanos = (int)fields[1].Accessor.GetValue(value);
        return units + nanos / 1_000_000_000m;
    }
}
