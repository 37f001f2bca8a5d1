using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Engagement.Rules;

/// <summary>
/// An ISO 8601 duration as rules use it: years and months are calendar ones (an anniversary is P1Y, whatever the year's
/// length), days are calendar days, the time part is exact; a leading '-' makes it negative (a schedule's offset).
/// Kept as the text the operator wrote, so a rule reads back as it was saved.
/// </summary>
public sealed partial record RuleDuration(string Text, bool Negative, int Years, int Months, int Days, TimeSpan Time)
{
    /// <summary>A number of any one unit above this is surely a mistake (and would overflow a date).</summary>
    private const int MaxUnits = 100_000;

    public const string Hint = "must be an ISO 8601 duration such as PT30M, P3D or P1Y";

    public static readonly RuleDuration Zero = new("PT0S", false, 0, 0, 0, TimeSpan.Zero);

    public bool IsZero => Years == 0 && Months == 0 && Days == 0 && Time == TimeSpan.Zero;

    /// <summary>An estimate for bounds only (a year of 365.25 days, a month of 30.44).</summary>
    public TimeSpan Approximate => (Negative ? -1 : 1) * (TimeSpan.FromDays(Years * 365.25 + Months * 30.44 + Days) + Time);

    public static bool TryParse(string? text, out RuleDuration duration)
    {
        duration = Zero;
        var match = text is null ? Match.Empty : Pattern().Match(text);
        if (!match.Success || text!.EndsWith('T') || text.EndsWith('P'))
        {
            return false;
        }

        var units = new int[7];
        for (var i = 0; i < units.Length; i++)
        {
            var group = match.Groups[i + 2];
            if (group.Success && (!int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out units[i]) || units[i] > MaxUnits))
            {
                return false;
            }
        }

        var time = TimeSpan.FromHours(units[4]) + TimeSpan.FromMinutes(units[5]) + TimeSpan.FromSeconds(units[6]);
        duration = new(text, match.Groups[1].Success, units[0], units[1], units[2] * 7 + units[3], time);
        return true;
    }

    /// <summary><paramref name="at"/> plus <paramref name="times"/> of this duration; years, months and days on the calendar of <paramref name="at"/>'s offset (pass Shanghai times for Shanghai dates).</summary>
    public DateTimeOffset AddTo(DateTimeOffset at, int times = 1)
    {
        var sign = Negative ? -times : times;
        return at.AddYears(Years * sign).AddMonths(Months * sign).AddDays(Days * sign).Add(Time * sign);
    }

    public override string ToString() => Text;

    [GeneratedRegex(@"^(-)?P(?:([0-9]{1,9})Y)?(?:([0-9]{1,9})M)?(?:([0-9]{1,9})W)?(?:([0-9]{1,9})D)?(?:T(?:([0-9]{1,9})H)?(?:([0-9]{1,9})M)?(?:([0-9]{1,9})S)?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
