using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Gateway.OpenApi;

/// <summary>
/// What Redocly's `recommended` rules ask of the document beyond what ASP.NET Core writes: server
/// URLs without a trailing slash (the request base URL ends in one), a license, a description
/// for every tag, and `security: []` on the anonymous operations, so that every operation says
/// how it is authenticated. OpenApiTests.TheDocumentPassesRedoclysRecommendedRules keeps it so.
/// </summary>
internal sealed class ContractDocumentTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Onboarding"] = "The account-opening funnel: steps, a client's progress, funnel definitions.",
        ["Reports"] = "Operators' reports.",
        ["Activity"] = "Core brokerage systems' activity, published to activity.events.",
        ["Tiering"] = "Tiers from average daily assets, the tier table, benefits and redemptions.",
        ["Privacy"] = "Erasure of a client's data in every service.",
        ["Content"] = "The content catalogue, client tags, segments and each client's feed.",
        ["Engagement"] = "Lifecycle moments as rules, outreach settings, each client's inbox, the advisors' tasks and the outreach audit.",
        ["Development"] = "Local mode only: development tokens.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Info.License ??= new OpenApiLicense { Name = "Proprietary", Url = new Uri("https://brokerage.example/terms") };
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description ??= description;
            }
        }

        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (!metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security ??= [];   // empty: no token needed, said explicitly
        }

        return Task.CompletedTask;
    }
}
