using System.Globalization;

namespace Platform.Bench.Common.Output;

/// <summary>Numbers as the tables print them, independent of the machine's culture.</summary>
public static class Format
{
    public static string Count(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Milliseconds(double value) => double.IsNaN(value) ? "-" : value.ToString(value < 10 ? "N2" : "N1", CultureInfo.InvariantCulture);

    public static string Cores(double value) => value.ToString("N2", CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString("N3", CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("N1", CultureInfo.InvariantCulture) + " s";

    public static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " MB";

    public static string Verdict(bool met) => met ? "met" : "NOT met";
}
