namespace Platform.Gateway.Content;

/// <summary>PUT /v1/clients/{clientId}/tags: the client's whole set of operator tags.</summary>
public sealed class PutClientTagsRequest
{
    /// <summary>namespace:value in lower case, e.g. style:technical, horizon:short, interest:etf.</summary>
    public IReadOnlyList<string>? Tags { get; init; }
}
