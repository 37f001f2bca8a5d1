using System.Globalization;
using Platform.Messaging.Envelope;

namespace Platform.Messaging.Tests;

public sealed class ExactDecimalTests
{
    [Theory]
    [InlineData("138765.5", 138765, 500_000_000)]
    [InlineData("-0.25", 0, -250_000_000)]
    [InlineData("-12.000000001", -12, -1)]
    [InlineData("0", 0, 0)]
    [InlineData("1000000000000000", 1_000_000_000_000_000, 0)]
    [InlineData("9223372036854775807.999999999", long.MaxValue, 999_999_999)]
    [InlineData("-9223372036854775808.999999999", long.MinValue, -999_999_999)]
    public void UnitsAndNanosCarryTheValuesSignAndComeBackExactly(string text, long units, int nanos)
    {
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);

        Assert.Equal((units, nanos), ExactDecimal.Split(value));
        Assert.Equal(value, ExactDecimal.Join(units, nanos));
    }

    [Theory]
    [InlineData("1.9999999999", 1, 999_999_999)]
    [InlineData("-1.9999999999", -1, -999_999_999)]
    [InlineData("49999.9999999995", 49_999, 999_999_999)]
    [InlineData("0.0000000009", 0, 0)]
    public void DigitsBeyondNanosAreCutTowardZeroNeverCarriedIntoUnits(string text, long units, int nanos)
    {
        Assert.Equal((units, nanos), ExactDecimal.Split(decimal.Parse(text, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("79228162514264337593543950335")]
    public void AValueBeyondTheUnitsRangeIsAClearError(string text)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ExactDecimal.Split(decimal.Parse(text, CultureInfo.InvariantCulture)));

        Assert.Contains("whole units", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1_000_000_000)]
    [InlineData(0, -1_000_000_000)]
    [InlineData(1, -1)]
    [InlineData(-1, 1)]
    [InlineData(0, int.MaxValue)]
    public void NanosOutOfRangeOrOfTheOtherSignAreABrokenMessage(long units, int nanos)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactDecimal.Join(units, nanos));
    }

    [Fact]
    public void WireMessagesConvertThroughTheHelper()
    {
        var wire = (-1234.56m).ToExact<WireDecimal>();

        Assert.Equal((-1234L, -560_000_000), (wire.Units, wire.Nanos));
        Assert.Equal(-1234.56m, wire.ToDecimal());
        Assert.Equal(0m, ((WireDecimal?)null).ToDecimal());
    }

    private sealed class WireDecimal : IExactDecimal
    {
        public long Units { get; set; }

        public int Nanos { get; set; }
    }
}
