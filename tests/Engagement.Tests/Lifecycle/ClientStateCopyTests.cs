using System.Reflection;
using Platform.Engagement.Lifecycle;

namespace Platform.Engagement.Tests.Lifecycle;

/// <summary>
/// The lifecycle consumer writes a client state only when <see cref="ClientStateCopy.Same"/> says it changed since it was
/// read: a column the comparison leaves out would be a fact silently never stored.
/// </summary>
public sealed class ClientStateCopyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Properties() =>
        [.. typeof(ClientState).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Properties))]
    public void AChangeOfAnyColumnIsAChange(string property)
    {
        var read = Full();
        var applied = ClientStateCopy.Of(read);
        Assert.True(ClientStateCopy.Same(read, applied));

        var info = typeof(ClientState).GetProperty(property)!;
        info.SetValue(applied, Other(info.PropertyType, info.GetValue(applied)));

        Assert.False(ClientStateCopy.Same(read, applied), $"a change of {property} went unnoticed");
    }

    [Fact]
    public void TheCopySharesNoArrayWithTheState()
    {
        var read = Full();
        var copy = ClientStateCopy.Of(read);

        read.DailyTotals[0] = 1m;
        read.TransferOutAt[0] = T0.AddYears(1);

        Assert.False(ClientStateCopy.Same(read, copy));
    }

    [Fact]
    public void AnAmountWithAnotherScaleIsTheSameAmount()
    {
        var read = Full();
        var applied = ClientStateCopy.Of(read);
        applied.Cash = 60_000.00m;

        Assert.True(ClientStateCopy.Same(read, applied));
    }

    private static ClientState Full() => new()
    {
        ClientId = "c-1", RegisteredAt = T0, ApprovedAt = T0.AddDays(1), FirstDepositAt = T0.AddDays(2), FirstInvestmentAt = T0.AddDays(3),
        LastInvestmentAt = T0.AddDays(4), Investments = 3, LastLoginAt = T0.AddDays(5), Tier = "V2", TierChangedAt = T0.AddDays(6),
        AmountToNextTier = 1_000m, AmountToNextTierAt = T0.AddDays(7), SnapshotDate = new DateOnly(2026, 12, 8), TotalAssets = 200_000m,
        Cash = 60_000m, IdleCashDays = 2, DailyDates = [new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 8)], DailyTotals = [190_000m, 200_000m],
        DailyCash = [55_000m, 60_000m], DailyTakenAt = [T0.AddDays(6), T0.AddDays(7)], TransferOutAt = [T0.AddDays(8)], TransferOutAmounts = [5_000m],
        Stage = "S4", StageChangedAt = T0.AddDays(8), NextCheckAt = T0.AddDays(30), Erased = false,
    };

    /// <summary>A value of the property's type that differs from <paramref name="current"/>.</summary>
    private static object Other(Type type, object? current) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => current + "-other",
        var t when t == typeof(int) => (int)current! + 1,
        var t when t == typeof(bool) => !(bool)current!,
        var t when t == typeof(decimal) => (decimal)current! + 0.01m,
        var t when t == typeof(DateTimeOffset) => ((DateTimeOffset)current!).AddTicks(10),
        var t when t == typeof(DateOnly) => ((DateOnly)current!).AddDays(1),
        var t when t == typeof(DateOnly[]) => ((DateOnly[])current!).Append(new DateOnly(2027, 1, 1)).ToArray(),
        var t when t == typeof(decimal[]) => ((decimal[])current!).Append(1m).ToArray(),
        var t when t == typeof(DateTimeOffset[]) => ((DateTimeOffset[])current!).Append(T0.AddYears(2)).ToArray(),
        var t => throw new InvalidOperationException($"ClientState has a {t.Name} property: teach this test a different value of it."),
    };
}
