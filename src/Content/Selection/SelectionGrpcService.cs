using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Content.Catalog;
using Platform.Content.Feed;
using Platform.Content.Grpc;
using Platform.Content.Targeting;
using Platform.Content.Templates;
using Platform.Messaging.Privacy;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Validation;

namespace Platform.Content.Selection;

/// <summary>
/// The words of one outreach for Engagement: the best item for the moment and channel that the
/// client may receive, rendered, or why there is none. Reads the profile from the database (an
/// outreach must see the latest assessment) and the catalogue snapshot, and checks the chosen item
/// against its stored version (one primary-key read) before answering.
/// </summary>
[Authorize(Roles = CallerRoles.System)]
public sealed class SelectionGrpcService(
    ContentDbContext db, CatalogCache catalog, IExperimentGates experiments, IOptions<ChannelLimits> limits, TimeProvider time)
    : SelectionService.SelectionServiceBase
{
    public const string Unsuitable = "unsuitable";
    public const string NoContent = "no_content";
    public const int MaxValueLength = 200;

    // productName is not among them: it comes from the named catalogue product (NamedProduct), whose risk Content can check.
    private static readonly string[] MomentValues = [Placeholders.Amount, Placeholders.Date];

    public override async Task<SelectContentReply> SelectContent(SelectContentRequest request, ServerCallContext context)
    {
        var selection = Parse(request);
        var product = await NamedProduct.ReadAsync(db, request.ProductItemId, context.CancellationToken);
        var now = time.GetUtcNow();
        var profile = await db.Profiles.AsNoTracking().FirstOrDefaultAsync(p => p.ClientId == request.ClientId, context.CancellationToken);
        if (profile is null && await ErasureTombstones.IsErasedAsync(db.Database, request.ClientId, context.CancellationToken))
        {
            // Erased: no words for it, and no draw (asked only without a profile; a draw racing the erasure stores nothing).
            return new SelectContentReply { Found = false, Reason = NoContent };
        }

        var client = profile is null ? ClientView.Unknown(request.ClientId) : ClientView.Of(profile, now);
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await catalog.GetAsync(context.CancellationToken);
            var (words, productRefusal) = await NameProductAsync(snapshot, client, selection, product, now, context.CancellationToken);
            // Assigned and stored: Engagement asks for the words of an outreach it means to send, and the client must then
            // keep that variant in its feed (a later weight change may not move it to another arm).
            var gate = await experiments.ForClientAsync(snapshot, client, words, now, assign: true, context.CancellationToken);
            if (ContentSelector.Select(snapshot, client, words, now, gate, limits.Value, 1) is not [var best])
            {
                // Would anything have matched at the highest tolerance? Then suitability alone refused it, which Engagement
                // reports as such; so it does when the named product is above the client's tolerance (words naming it were out).
                var unsuitableOnly = productRefusal == Unsuitable
                    || ContentSelector.Select(snapshot, client with { Tolerance = RiskScale.Highest }, words, now, gate, limits.Value, 1).Count > 0;
                return new SelectContentReply { Found = false, Reason = unsuitableOnly ? Unsuitable : NoContent };
            }

            // An outreach cannot be taken back: the chosen item must be the stored one (its risk and validity as saved now),
            // not a version this replica's snapshot still holds while another replica's edit waits for the next refresh.
            if (await db.Items.Where(i => i.ItemId == best.ItemId).Select(i => (int?)i.Version).FirstOrDefaultAsync(context.CancellationToken) == best.Version)
            {
                // No exposure here: Engagement may still suppress or defer the outreach, and an exposure counts what
                // reached the client. The variant is in the answer; Engagement's OutreachDecided (sent) records it (OutreachExposures).
                return new SelectContentReply { Found = true, Item = FeedReader.ToGrpc(best) };
            }

            if (attempt == 2)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "The content catalogue is changing; retry later."));
            }

            await CatchUpAsync(context.CancellationToken);
        }
    }

    /// <summary>
    /// The selection with {{productName}} among its values when the named product may be named to the client, and why not
    /// otherwise. A refused product does not refuse the outreach: words that do not name it may still be sent (an M10
    /// maturity notice to a client reassessed below the product it holds), each carrier held to suitability on its own;
    /// words that name it cannot render without the value, so they are never chosen.
    /// </summary>
    private async Task<(SelectionRequest Words, string? Refusal)> NameProductAsync(
        CatalogSnapshot snapshot, ClientView client, SelectionRequest selection, NamedProduct? product, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (product is null)
        {
            return (selection, null);
        }

        // A preview (nothing stored): the product's arm counts only if the client already holds it; naming draws no variant.
        var gate = await experiments.ForClientAsync(snapshot, client, selection, now, assign: false, cancellationToken);
        if (product.Refusal(client, now, gate) is { } refusal)
        {
            return (selection, refusal);
        }

        var values = new Dictionary<string, string>(selection.MomentValues) { [Placeholders.ProductName] = product.NameFor(client)! };
        return (selection with { MomentValues = values }, null);
    }

    /// <summary>The snapshot is behind the database: reload it before choosing again; a failed reload is a reason to retry later.</summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await catalog.RefreshAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The content catalogue could not be reloaded; retry later.", ex));
        }
    }

    private static SelectionRequest Parse(SelectContentRequest request)
    {
        var errors = new FieldErrors();
        if (StorableText.Check(request.ClientId, ClientIds.MaxLength, required: true) is { } invalidClient)
        {
            errors.Add("clientId", invalidClient);
        }

        if (StorableText.Check(request.Moment, 32, required: true) is { } invalidMoment)
        {
            errors.Add("moment", invalidMoment);
        }

        if (!ContentChannels.All.Contains(request.Channel))
        {
            errors.Add("channel", $"must be one of {string.Join(", ", ContentChannels.All.Order(StringComparer.Ordinal))}");
        }

        ContentKind? kind = null;
        if (request.Kind.Length > 0)
        {
            kind = ContentKinds.TryParse(request.Kind, out var parsed) ? parsed : null;
            if (kind is null)
            {
                errors.Add("kind", $"must be empty or one of {ContentKinds.List}");
            }
        }

        if (request.Labels.Count > ItemSpec.MaxListLength)
        {
            errors.Add("labels", $"holds at most {ItemSpec.MaxListLength} labels");
        }
        else if (request.Labels.Select((label, i) => (label, i)).FirstOrDefault(l => !TagVocabulary.IsSlug(l.label) || l.label.Length > TagVocabulary.MaxTagLength) is { label: not null } bad)
        {
            errors.Add($"labels[{bad.i}]", "is not a label (lower-case letters, digits and - _ . +)");
        }

        if (NamedProduct.ShapeError(request.ProductItemId) is { } invalidProduct)
        {
            errors.Add(NamedProduct.Field, invalidProduct);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Values)
        {
            if (key == Placeholders.ProductName)
            {
                errors.Add($"values.{key}", $"is not accepted as text: name the catalogue product in {NamedProduct.Field}");
            }
            else if (!MomentValues.Contains(key))
            {
                errors.Add($"values.{key}", $"is not a moment value ({string.Join(", ", MomentValues)})");
            }
            else if (StorableText.Check(value, MaxValueLength, required: true) is { } invalidValue)
            {
                errors.Add($"values.{key}", invalidValue);
            }
            else if (MomentValueFormat.Check(key, value, out var rendered) is { } malformed)
            {
                errors.Add($"values.{key}", malformed);
            }
            else
            {
                values[key] = rendered;
            }
        }

        if (errors.Count > 0)
        {
            throw GrpcFieldErrors.InvalidArgument(errors.ToDictionary());
        }

        return new SelectionRequest(request.Moment, request.Channel, kind, [.. request.Labels], values);
    }
}
