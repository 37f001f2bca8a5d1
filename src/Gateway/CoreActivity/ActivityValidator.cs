using System.Globalization;
using Platform.Gateway.Json;
using Platform.Messaging.Envelope;

namespace Platform.Gateway.CoreActivity;

/// <summary>
/// The contract's rules for an activity batch. Errors are keyed by the event's index
/// (`events[3].amount`); one bad event makes the whole batch a 400.
/// </summary>
internal static class ActivityValidator
{
    public const int MaxEvents = 1000;
    public const int MaxClientIdLength = 64;
    public const int MaxProductIdLength = 64;
    public const decimal MaxMoney = 1_000_000_000_000_000m;   // 10^15 CNY: far above any account, well inside DecimalValue

    /// <summary>A batch of 1000 broken events would answer with thousands of keys: the first ones make the point.</summary>
    private const int MaxReportedFields = 100;

    /// <summary>A product maturing at most 100 years (of 365.25 days) after its purchase.</summary>
    public static readonly TimeSpan MaxMaturity = TimeSpan.FromDays(36_525);

    private const int MoneyDecimals = 2;
    private const int PercentDecimals = ExactDecimal.MaxDecimals;   // what DecimalValue holds exactly

    [Flags]
    private enum Fields
    {
        None = 0,
        Amount = 1,
        ProductId = 2,
        Percent = 4,
        Date = 8,
        TotalAssets = 16,
        Cash = 32,
    }

    private static readonly (Fields Field, string Name)[] FieldNames =
    [
        (Fields.Amount, "amount"), (Fields.ProductId, "productId"), (Fields.Percent, "percent"),
        (Fields.Date, "date"), (Fields.TotalAssets, "totalAssets"), (Fields.Cash, "cash"),
    ];

    private static readonly Dictionary<ActivityType, Fields> FieldsOf = new()
    {
        [ActivityType.Login] = Fields.None,
        [ActivityType.Deposit] = Fields.Amount,
        [ActivityType.Withdrawal] = Fields.Amount,
        [ActivityType.TransferOut] = Fields.Amount,
        [ActivityType.Trade] = Fields.Amount,
        [ActivityType.ProductPurchase] = Fields.ProductId | Fields.Amount,
        [ActivityType.ProductMatured] = Fields.ProductId | Fields.Amount,
        [ActivityType.Drawdown] = Fields.Percent,
        [ActivityType.AssetsSnapshot] = Fields.Date | Fields.TotalAssets | Fields.Cash,
    };

    /// <summary>Every broken rule of the batch; <paramref name="maxClockSkew"/> is Gateway:Activity:MaxClockSkew.</summary>
    public static Dictionary<string, string[]> Validate(ActivityBatchRequest batch, DateTimeOffset now, TimeSpan maxClockSkew)
    {
        Dictionary<string, string[]> errors = [];
        if (batch.Events is not { } events)
        {
            errors["events"] = [$"Required: 1 to {MaxEvents} events."];
            return errors;
        }

        if (events.Count is 0 or > MaxEvents)
        {
            errors["events"] = [$"Must hold 1 to {MaxEvents} events; this batch has {events.Count}."];
            return errors;
        }

        for (var i = 0; i < events.Count && errors.Count < MaxReportedFields; i++)
        {
            ValidateEvent(errors, $"events[{i}]", events[i], now, maxClockSkew);
        }

        return errors;
    }

    /// <summary>How many events of the batch are invalid, for the problem's detail.</summary>
    public static int InvalidEvents(Dictionary<string, string[]> errors) =>
        errors.Keys.Select(key => key.Split('.')[0]).Distinct(StringComparer.Ordinal).Count();

    private static void ValidateEvent(Dictionary<string, string[]> errors, string at, ActivityEventRequest? item, DateTimeOffset now,
        TimeSpan maxClockSkew)
    {
        if (item is null)
        {
            errors[at] = ["Must be an event object."];
            return;
        }

        if (string.IsNullOrWhiteSpace(item.EventId))
        {
            errors[$"{at}.eventId"] = ["Required."];
        }
        else if (!Guid.TryParseExact(item.EventId, "D", out var eventId) || eventId == Guid.Empty)
        {
            errors[$"{at}.eventId"] = ["Must be a UUID other than the nil UUID, e.g. 0193a4b2-7c1e-7d3f-9a1b-2c3d4e5f6a7b."];
        }

        if (string.IsNullOrWhiteSpace(item.ClientId))
        {
            errors[$"{at}.clientId"] = ["Required."];
        }
        else if (item.ClientId.Length > MaxClientIdLength)
        {
            errors[$"{at}.clientId"] = [$"Must be at most {MaxClientIdLength} characters."];
        }

        if (item.OccurredAt is not { } occurredAt)
        {
            errors[$"{at}.occurredAt"] = ["Required."];
        }
        else if (occurredAt > now + maxClockSkew)
        {
            errors[$"{at}.occurredAt"] = [$"Must not be more than {maxClockSkew:c} in the future ({ActivityOptions.SectionName}:MaxClockSkew)."];
        }

        foreach (var name in item.UnknownFields?.Keys ?? Enumerable.Empty<string>())
        {
            errors[$"{at}.{name}"] = ["Not a field of activity events."];
        }

        if (item.Type is not { } type)
        {
            errors[$"{at}.type"] = [$"Required; one of: {string.Join(", ", WireEnumConverter<ActivityType>.Names)}."];
            return;
        }

        ValidateTypeFields(errors, at, type, item);
    }

    private static void ValidateTypeFields(Dictionary<string, string[]> errors, string at, ActivityType type, ActivityEventRequest item)
    {
        var wanted = FieldsOf[type];
        var present = Present(item);
        var typeName = WireEnumConverter<ActivityType>.Format(type);
        foreach (var (field, name) in FieldNames)
        {
            if (wanted.HasFlag(field) && !present.HasFlag(field))
            {
                errors[$"{at}.{name}"] = [$"Required with type {typeName}."];
            }
            else if (!wanted.HasFlag(field) && present.HasFlag(field))
            {
                errors[$"{at}.{name}"] = [$"Not a field of type {typeName}{Takes(wanted)}."];
            }
        }

        if (wanted.HasFlag(Fields.Amount) && item.Amount is { } amount)
        {
            Money(errors, $"{at}.amount", amount, allowZero: false);
        }

        if (wanted.HasFlag(Fields.TotalAssets) && item.TotalAssets is { } totalAssets)
        {
            Money(errors, $"{at}.totalAssets", totalAssets, allowZero: true);
        }

        if (wanted.HasFlag(Fields.Cash) && item.Cash is { } cash)
        {
            Money(errors, $"{at}.cash", cash, allowZero: true);
        }

        if (wanted.HasFlag(Fields.Percent) && item.Percent is { } percent)
        {
            if (percent is < 0 or > 100)
            {
                errors[$"{at}.percent"] = ["Must be between 0 and 100."];
            }
            else if (decimal.Round(percent, PercentDecimals) != percent)
            {
                errors[$"{at}.percent"] = [$"Must have at most {PercentDecimals} decimals."];
            }
        }

        if (wanted.HasFlag(Fields.ProductId) && item.ProductId is { } productId)
        {
            if (string.IsNullOrWhiteSpace(productId))
            {
                errors[$"{at}.productId"] = ["Must not be empty."];
            }
            else if (productId.Length > MaxProductIdLength)
            {
                errors[$"{at}.productId"] = [$"Must be at most {MaxProductIdLength} characters."];
            }
        }

        // Optional, so not one of the wanted fields: a maturity date is only a product purchase's.
        if (item.MaturesAt is { } maturesAt)
        {
            if (type != ActivityType.ProductPurchase)
            {
                errors[$"{at}.maturesAt"] = [$"Not a field of type {typeName}{Takes(wanted)}; only product_purchase has it."];
            }
            else if (item.OccurredAt is { } occurredAt && maturesAt <= occurredAt)
            {
                errors[$"{at}.maturesAt"] = ["Must be after occurredAt."];
            }
            else if (item.OccurredAt is { } purchasedAt && maturesAt - purchasedAt > MaxMaturity)
            {
                // Engagement's schedules count from it (a reminder a week before): a date near the calendar's end is a mistake.
                errors[$"{at}.maturesAt"] = ["Must be at most 100 years after occurredAt."];
            }
        }

        if (wanted.HasFlag(Fields.Date) && item.Date is { } date && !TryParseDate(date, out _))
        {
            errors[$"{at}.date"] = ["Must be a date in the form yyyy-MM-dd, e.g. 2026-11-24."];
        }
    }

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static void Money(Dictionary<string, string[]> errors, string key, decimal value, bool allowZero)
    {
        if (allowZero ? value < 0 : value <= 0)
        {
            errors[key] = [allowZero ? "Must be 0 or more." : "Must be more than 0."];
        }
        else if (value >= MaxMoney)
        {
            errors[key] = [$"Must be less than {MaxMoney.ToString(CultureInfo.InvariantCulture)}."];
        }
        else if (decimal.Round(value, MoneyDecimals) != value)
        {
            errors[key] = [$"Must have at most {MoneyDecimals} decimals."];
        }
    }

    private static Fields Present(ActivityEventRequest item) =>
        (item.Amount is null ? Fields.None : Fields.Amount)
        | (item.ProductId is null ? Fields.None : Fields.ProductId)
        | (item.Percent is null ? Fields.None : Fields.Percent)
        | (item.Date is null ? Fields.None : Fields.Date)
        | (item.TotalAssets is null ? Fields.None : Fields.TotalAssets)
        | (item.Cash is null ? Fields.None : Fields.Cash);

    private static string Takes(Fields wanted)
    {
        var names = FieldNames.Where(pair => wanted.HasFlag(pair.Field)).Select(pair => pair.Name).ToArray();
        return names.Length == 0 ? " (it takes none)" : $" (it takes {string.Join(", ", names)})";
    }
}
