namespace Platform.Gateway.Auth;

/// <summary>A request body that concerns one client.</summary>
public interface IClientScoped
{
    string? ClientId { get; }
}

/// <summary>
/// A `client` reaches only its own client id: the route value `clientId`, or the `clientId` of a
/// body implementing <see cref="IClientScoped"/>, must equal its `sub` (403 otherwise). Operators
/// and systems pass. A missing client id is left to validation.
/// </summary>
internal sealed class OwnClientFilter(ILogger<OwnClientFilter> logger) : IEndpointFilter
{
    public const string RouteValue = "clientId";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var user = context.HttpContext.User;
        if (!user.IsClientOnly())
        {
            return next(context);
        }

        var clientId = context.HttpContext.Request.RouteValues[RouteValue] as string
            ?? context.Arguments.OfType<IClientScoped>().FirstOrDefault()?.ClientId;
        if (string.IsNullOrEmpty(clientId) || string.Equals(clientId, user.Subject(), StringComparison.Ordinal))
        {
            return next(context);
        }

        GatewayLog.OtherClientDenied(logger, Errors.EndpointLabels.EndpointLabel(context.HttpContext));
        return ValueTask.FromResult<object?>(TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            detail: "A client may only reach its own data."));
    }
}

public static class OwnClientFilterExtensions
{
    public static TBuilder RequireOwnClient<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, OwnClientFilter>();
}
