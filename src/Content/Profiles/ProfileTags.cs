using Platform.Content.Targeting;

namespace Platform.Content.Profiles;

/// <summary>Every tag a client carries for targeting and segments: the operators' and those derived from its facts.</summary>
public static class ProfileTags
{
    public static HashSet<string> Of(ClientProfile profile, DateTimeOffset now)
    {
        var tags = new HashSet<string>(profile.OperatorTags, StringComparer.Ordinal);
        void AddDerived(string @namespace, string? value)
        {
            if (TagVocabulary.Derived(@namespace, value) is { } tag)
            {
                tags.Add(tag);
            }
        }

        AddDerived("risk", profile.RiskTolerance is { } tolerance ? RiskScale.Tolerance(tolerance) : null);
        AddDerived("tier", profile.Tier);
        AddDerived("stage", LifecycleStage.Of(profile, now));
        AddDerived("channel", profile.Channel);
        AddDerived("campaign", profile.Campaign);
        return tags;
    }
}
