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
/// </summary>
public sealed class OutreachWords(SelectionService.SelectionServiceClient selection, ServiceCallerToken token, IOptions<DecisionOptions> options, TimeProvider time)
{
    public async Task<ContentChoice> ChooseAsync(OutreachInstance instance, RuleContent content, string channel, CancellationToken cancellationToken)
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

        var reply = await selection.SelectContentAsync(request, new Metadata { { "Authorization", $"Bearer {token.Current()}" } },
            deadline: (time.GetUtcNow() + options.Value.ContentDeadline).UtcDateTime, cancellationToken: cancellationToken);
        return reply.Found ? ContentChoice.Of(reply.Item.ItemId, reply.Item.Title, reply.Item.Body) : ContentChoice.None(reply.Reason);
    }

    private static Dictionary<string, string> ValuesOf(OutreachInstance instance) =>
        instance.ContentValues is { } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [] : [];
}
