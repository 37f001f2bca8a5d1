using System.Globalization;
using Platform.Content.Templates;

namespace Platform.Content.Selection;

/// <summary>
/// The shapes of a moment's values: {{amount}} is a sum of CNY and {{date}} a yyyy-MM-dd date, nothing else. Free text there would
/// let any system caller render a name or a phone number into an SMS; the non-PII promise of <see cref="Placeholders"/> would then
/// depend on the caller.
/// </summary>
public static class MomentValueFormat
{
    /// <summary>The platform's money bound (the gateway's activity validator): far above any account.</summary>
    public const decimal MaxAmount = 1_000_000_000_000_000m;

    private const int AmountDecimals = 2;

    /// <summary>
    /// Why <paramref name="value"/> is not a <paramref name="name"/> (null when it is), and the text templates show for it: an amount
    /// as the client's <c>amountToNextTier</c> renders (<c>50,000.00</c>), a date as sent. The reason never repeats the value.
    /// </summary>
    public static string? Check(string name, string value, out string rendered)
    {
        rendered = value;
        switch (name)
        {
            case Placeholders.Amount:
                // Digits and one point only: no sign, exponent, group separator or space (NumberStyles.AllowDecimalPoint).
                if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
                    || amount >= MaxAmount || decimal.Round(amount, AmountDecimals) != amount)
                {
                    return $"must be an amount of CNY: digits with at most {AmountDecimals} decimals after a point, e.g. 50000.00, below 10^15";
                }

                rendered = amount.ToString("N2", CultureInfo.InvariantCulture);
                return null;
            case Placeholders.Date:
                return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                    ? null
                    : "must be a date in the form yyyy-MM-dd, e.g. 2026-12-06";
            default:
                return null;
        }
    }
}
