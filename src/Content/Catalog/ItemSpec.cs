using System.Text.RegularExpressions;
using Platform.Content.Targeting;
using Platform.Content.Templates;
using Platform.ServiceDefaults.Validation;

namespace Platform.Content.Catalog;

/// <summary>An item as an operator sent it, checked: every refused field is named at once, with its position inside a template.</summary>
public sealed partial record ItemSpec(
    string ItemId,
    ContentKind Kind,
    string Title,
    string Body,
    int? Risk,
    ItemTargeting Targeting,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo,
    int Priority,
    IReadOnlyList<string> Moments,
    IReadOnlyList<string> Channels,
    IReadOnlyList<string> Labels)
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 4000;
    public const int MaxPriority = 100;
    public const int MaxListLength = 50;

    public static (ItemSpec? Spec, Dictionary<string, string[]> Errors) Parse(ItemDraft draft)
    {
        var errors = new FieldErrors();
        if (!Keys.IsKey(draft.ItemId))
        {
            errors.Add("itemId", Keys.Rule);
        }

        if (!ContentKinds.TryParse(draft.Kind, out var kind))
        {
            errors.Add("kind", $"must be one of {ContentKinds.List}");
        }

        CheckTemplate(errors, "title", draft.Title, MaxTitleLength, multiline: false);
        CheckTemplate(errors, "body", draft.Body, MaxBodyLength, multiline: true);

        // A product must carry its risk. Any other kind may: a trading-signals service or a commission-free-trades campaign
        // leads to risky trading as surely as a product does, and suitability applies to whatever carries a risk.
        var isProduct = errors.Lacks("kind") && kind == ContentKind.Product;
        int? risk = null;
        if (isProduct || !string.IsNullOrEmpty(draft.Risk))
        {
            if (RiskScale.TryParseProductRisk(draft.Risk, out var level))
            {
                risk = level;
            }
            else
            {
                errors.Add("risk", isProduct ? "is required for a product: R1..R5" : "must be empty or R1..R5");
            }
        }

        CheckList(errors, "targeting.tiers", draft.Tiers, t => TagVocabulary.Tiers.Contains(t) ? null : "is not a tier (V0..V7)");
        CheckList(errors, "targeting.stages", draft.Stages, s => TagVocabulary.Stages.Contains(s) ? null : "is not a stage (S1..S6)");
        CheckList(errors, "targeting.tags", draft.Tags, TagVocabulary.CheckTargetTag);
        if (!string.IsNullOrEmpty(draft.Segment) && !Keys.IsKey(draft.Segment))
        {
            errors.Add("targeting.segment", "is not a segment key: " + Keys.Rule);
        }

        if (draft.ValidFrom is { } from && draft.ValidTo is { } to && to <= from)
        {
            errors.Add("validTo", "must be after validFrom");
        }

        if (draft.Priority is < 0 or > MaxPriority)
        {
            errors.Add("priority", $"must be between 0 and {MaxPriority} (higher first)");
        }

        CheckList(errors, "moments", draft.Moments, m => MomentKey().IsMatch(m) ? null : "is not a moment or rule key (M01..M17, or letters, digits, '-' and '_')");
        CheckList(errors, "channels", draft.Channels, c => ContentChannels.All.Contains(c) ? null : $"is not a channel ({string.Join(", ", ContentChannels.All.Order(StringComparer.Ordinal))})");
        CheckList(errors, "labels", draft.Labels, l => TagVocabulary.IsSlug(l) && l.Length <= TagVocabulary.MaxTagLength ? null : "is not a label (lower-case letters, digits and - _ . +)");

        if (errors.Count > 0)
        {
            return (null, errors.ToDictionary());
        }

        var targeting = new ItemTargeting(Distinct(draft.Tiers), Distinct(draft.Stages), Distinct(draft.Tags), NullIfEmpty(draft.Segment));
        return (new ItemSpec(draft.ItemId, kind, draft.Title, draft.Body, risk, targeting, draft.ValidFrom, draft.ValidTo, draft.Priority,
            Distinct(draft.Moments), Distinct(draft.Channels), Distinct(draft.Labels)), []);
    }

    private static void CheckTemplate(FieldErrors errors, string field, string text, int maxLength, bool multiline)
    {
        if (StorableText.Check(text, maxLength, required: true, multiline) is { } invalid)
        {
            errors.Add(field, invalid);
            return;
        }

        try
        {
            Template.Parse(text);
        }
        catch (TemplateException ex)
        {
            errors.Add(field, ex.Message);
        }
    }

    private static void CheckList(FieldErrors errors, string field, IReadOnlyList<string> values, Func<string, string?> check)
    {
        if (values.Count > MaxListLength)
        {
            errors.Add(field, $"holds at most {MaxListLength} values");
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (check(values[i]) is { } problem)
            {
                errors.Add($"{field}[{i}]", $"'{Printable(values[i])}' {problem}");
            }
        }
    }

    /// <summary>A refused value is echoed back so the operator sees which one; bounded and free of control characters.</summary>
    private static string Printable(string value) =>
        new([.. value.Take(TagVocabulary.MaxTagLength + 1).Select(c => char.IsControl(c) ? '?' : c)]);

    private static IReadOnlyList<string> Distinct(IReadOnlyList<string> values) => values.Distinct(StringComparer.Ordinal).ToList();

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")]
    private static partial Regex MomentKey();
}
