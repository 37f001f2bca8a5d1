using System.Text.Json;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Platform.Content.Grpc;
using Platform.Engagement.Rules;
using Platform.ServiceDefaults.Auth;

namespace Platform.Engagement.Outreach.Decisions;

/// <summary>
/// Asks Content for an instance's words (SelectContent): the best suitable item of the rule's kind carrying its labels,
/// for the moment and channel, rendered with the instance's values. Content's answer is the suitability rule: none
/// suitable is <c>unsuitable</c>, none at all <c>no_content</c>. Every call has a deadline and Engagement's own token.
/// A product the core systems named that Content's catalogue does not hold (Content answers InvalidArgument) cannot be the
/// words' subject: the words are chosen without it, Content's suitability rule applying to whatever it picks; a request
/// Content still refuses is <c>no_content</c>, never an instance that blocks the others.
/// </summary>
public sealed partial class OutreachWords(
    SelectionService.SelectionServiceClient selection, ServiceCallerToken token, IOptions<DecisionOptions> options, ILogger<OutreachWords> logger)
{
    public async Task<ContentChoice> ChooseAsync(OutreachInstance instance, RuleContent content, string channel, CancellationToken cancellationToken)
    {
        var request = Request(instance, content, channel);
        try
        {
            return await SelectAsync(request, cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument && request.ProductItemId.Length > 0)
        {
            LogUnknownProduct(logger, instance.Moment, request.ProductItemId, ex.Status.Detail);
            request.ProductItemId = string.Empty;
        }

        try
        {
            return await SelectAsync(request, cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
        {
            LogRefused(logger, instance.Moment, ex.Status.Detail);
            return ContentChoice.None(OutreachReasons.NoContent);
        }
    }

    private static SelectContentRequest Request(OutreachInstance instance, RuleContent content, string channel)
    {
        var request = new SelectContentRequest { ClientId = instance.ClientId, Moment = instance.Moment, Channel = channel, Kind = content.Kind };
        request.Labels.Add(content.Tags);
        foreach (var (name, value) in ValuesOf(instance))
        {
            if (name == ContentValues.ProductItemId)
            {
                request.ProductItemId = value;
            }
            else
            {
                request.Values[name] = value;
            }
        }

        return request;
    }

    private async Task<ContentChoice> SelectAsync(SelectContentRequest request, CancellationToken cancellationToken)
    {
        // The deadline is the wall clock's, not the business clock's (TimeProvider): gRPC compares it with the machine's clock, and a
        // business clock behind it (a test's fake clock on a fixed date, once that date had passed) made every call expire at once.
        var reply = await selection.SelectContentAsync(request, new Metadata { { "Authorization", $"Bearer {token.Current()}" } },
            deadline: DateTime.UtcNow + options.Value.ContentDeadline, cancellationToken: cancellationToken);
        if (!reply.Found)
        {
            return ContentChoice.None(reply.Reason);
        }

        // The arm is unset when the item is in no running experiment.
        var item = reply.Item;
        return ContentChoice.Of(item.ItemId, item.Title, item.Body, item.Experiment?.Key ?? "", item.Experiment?.Variant ?? "");
    }

    [LoggerMessage(1, LogLevel.Warning, "Content does not know the product of a {Moment} instance ({ProductItemId}: {Detail}); its words are chosen without it")]
    private static partial void LogUnknownProduct(ILogger logger, string moment, string productItemId, string detail);

    [LoggerMessage(2, LogLevel.Warning, "Content refused the words of a {Moment} instance ({Detail}); it is suppressed as no_content")]
    private static partial void LogRefused(ILogger logger, string moment, string detail);

    private static Dictionary<string, string> ValuesOf(OutreachInstance instance) =>
        instance.ContentValues is { } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [] : [];
}
