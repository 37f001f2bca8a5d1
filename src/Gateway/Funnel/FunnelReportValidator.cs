using Platform.Gateway.Json;

namespace Platform.Gateway.Funnel;

/// <summary>A funnel report query, read.</summary>
internal sealed record FunnelReportQuery(string Funnel, DateTimeOffset? From, DateTimeOffset? To, FunnelReportGrouping? By);

/// <summary>The rules for GET /v1/reports/funnel's query string; every broken rule is reported, by parameter.</summary>
internal static class FunnelReportValidator
{
    public static (FunnelReportQuery? Query, Dictionary<string, string[]> Errors) Read(string? funnel, string? from, string? to, string? by)
    {
        Dictionary<string, string[]> errors = [];
        if (string.IsNullOrWhiteSpace(funnel))
        {
            errors["funnel"] = ["Required, e.g. funnel=standard."];
        }
        else if (funnel.Length > FunnelConfigValidator.MaxNameLength)
        {
            errors["funnel"] = [$"Must be at most {FunnelConfigValidator.MaxNameLength} characters."];
        }

        var fromValue = Time(errors, "from", from);
        var toValue = Time(errors, "to", to);
        if (fromValue is { } start && toValue is { } end && start >= end)
        {
            errors["to"] = ["Must be later than from."];
        }

        FunnelReportGrouping? grouping = null;
        if (!string.IsNullOrEmpty(by))
        {
            if (WireEnumConverter<FunnelReportGrouping>.TryParse(by, out var parsed))
            {
                grouping = parsed;
            }
            else
            {
                errors["by"] = [$"{WireEnumConverter<FunnelReportGrouping>.AllowedHint} Leave it out for one group, all."];
            }
        }

        return errors.Count > 0 ? (null, errors) : (new FunnelReportQuery(funnel!, fromValue, toValue, grouping), errors);
    }

    private static DateTimeOffset? Time(Dictionary<string, string[]> errors, string name, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (OffsetDateTimeConverter.TryParse(text, out var value))
        {
            return value;
        }

        errors[name] = [OffsetDateTimeConverter.Hint];
        return null;
    }
}
