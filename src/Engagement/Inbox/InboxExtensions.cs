namespace Platform.Engagement.Inbox;

public static class InboxExtensions
{
    public static IEndpointRouteBuilder MapInbox(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<InboxGrpcService>();
        return endpoints;
    }
}
