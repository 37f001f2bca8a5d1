namespace Platform.Content.Selection;

/// <summary>
/// Chooses content for one client from a catalogue snapshot. Suitability comes first, before any
/// targeting or experiment, so no later rule can bring an unsuitable product back. Pure: the
/// same snapshot, client, instant and experiment assignments give the same answer.
/// </summary>
public static class ContentSelector
{
    public static IReadOnlyList<ServedItem> Select(
        CatalogSnapshot catalog, ClientView client, SelectionRequest request, DateTimeOffset now, IExperimentGate experiments,
        ChannelLimits limits, int limit)
    {
        var values = client.With(request.MomentValues);
        var served = new List<ServedItem>();
        foreach (var candidate in Candidates(catalog, request))
        {
            var item = candidate.Item;
            if (!Targeting.Suitability.Allows(item.Risk, client.Tolerance) || !candidate.IsValidAt(now) || !candidate.Targets(client))
            {
                continue;
            }

            ExperimentArm? arm = null;
            if (experiments.Check(item.ItemId) is var (serve, experimentArm))
            {
                if (!serve)
                {
                    continue;
                }

                arm = experimentArm;
            }

            if (candidate.Title.Render(values) is not { } title || candidate.Body.Render(values) is not { } body
                || (request.Channel is { } channel && !limits.Fits(channel, title, body)))
            {
                continue;
            }

            served.Add(new ServedItem(item.ItemId, item.Kind, title, body, item.Priority, item.Version, arm));
            if (served.Count == limit)
            {
                break;
            }
        }

        return served;
    }

    /// <summary>
    /// A feed takes the general items (outreach words written for moments stay out of it). An
    /// outreach takes items of its kind and labels written for its channel (or any): first the
    /// words written for its very moment, then, only when the rule names labels (a topic), general
    /// items about them; a rule naming no topic never sends a general item (a random product by SMS).
    /// Within each, the catalogue's order.
    /// </summary>
    private static IEnumerable<ServableItem> Candidates(CatalogSnapshot catalog, SelectionRequest request)
    {
        if (request.IsFeed)
        {
            return catalog.Items.Where(i => i.Item.Moments.Length == 0);
        }

        var matching = catalog.Items.Where(i =>
            (request.Kind is not { } kind || i.Item.Kind == kind)
            && request.Labels.All(i.Item.Labels.Contains)
            && (i.Item.Channels.Length == 0 || (request.Channel is { } channel && i.Item.Channels.Contains(channel)))
            && (i.Item.Moments.Length == 0 || i.Item.Moments.Contains(request.Moment))).ToList();
        var forMoment = matching.Where(i => i.Item.Moments.Length > 0);
        return request.Labels.Count == 0 ? forMoment : forMoment.Concat(matching.Where(i => i.Item.Moments.Length == 0));
    }
}
