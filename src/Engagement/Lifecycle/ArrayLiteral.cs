using System.Globalization;

namespace Platform.Engagement.Lifecycle;

/// <summary>
/// PostgreSQL array literals (<c>{a,b,c}</c>) of one row's arrays, for a set-based statement that takes a text element per row
/// and casts it (<c>r.daily_dates::date[]</c>): rows of arrays of different lengths do not fit one typed multi-dimensional
/// parameter. The elements written here (dates, plain decimals, UTC times) hold no character a literal would have to quote.
/// </summary>
internal static class ArrayLiteral
{
    public static string Of<T>(IEnumerable<T> values, Func<T, string> element) => "{" + string.Join(',', values.Select(element)) + "}";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The exact decimal (a decimal's text has no exponent), its scale kept.</summary>
    public static string Amount(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    /// <summary>Microseconds, truncated as Npgsql's binary timestamps are (stored times hold no finer part).</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
