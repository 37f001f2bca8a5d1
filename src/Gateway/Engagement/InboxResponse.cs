namespace Platform.Gateway.Engagement;

/// <summary>A client's inbox, newest first (API.md, Engagement).</summary>
internal sealed record InboxResponse(IReadOnlyList<InboxMessageResponse> Items);

/// <summary>One message: readAt is null while unread.</summary>
internal sealed record InboxMessageResponse(string MessageId, string Moment, string Title, string Body, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);
