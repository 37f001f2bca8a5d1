using Platform.ServiceDefaults.Validation;
using Google.Protobuf.WellKnownTypes;

namespace Platform.Content.Catalog;

/// <summary>A caller's timestamp as a time, or a field error: a non-normalised one (seconds past year 9999, nanos out of range) is the caller's mistake, not a 500.</summary>
public static class WireTime
{
    public static DateTimeOffset? Of(Timestamp? timestamp, string field, FieldErrors errors)
    {
        if (timestamp is null)
        {
            return null;
        }

        if (timestamp.Nanos is < 0 or > 999_999_999 || timestamp.Seconds < Timestamp.FromDateTimeOffset(DateTimeOffset.MinValue).Seconds
            || timestamp.Seconds > Timestamp.FromDateTimeOffset(DateTimeOffset.MaxValue).Seconds)
        {
            errors.Add(field, "is not a valid time (years 1 to 9999)");
            return null;
        }

        return timestamp.ToDateTimeOffset();
    }
}
