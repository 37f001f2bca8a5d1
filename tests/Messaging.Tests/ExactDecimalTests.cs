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
    public void UnitsAndNanosCarryTheValuesSignAndComeBackExactly(string text, long units, int nanos)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal((units, nanos), ExactDecimal.Split(value));
        Assert.Equal(value, ExactDecimal.Join(units, nanos));
    }

    [Fact]
    public void DigitsBeyondNanosAreTruncatedNotRounded()
    {
        Assert.Equal((1L, 999_999_999), ExactDecimal.Split(1.9999999999m));
    }
}
