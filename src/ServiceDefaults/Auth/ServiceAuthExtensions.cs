using System.Security.Claims;
using System.Text;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Auth;

namespace Microsoft.Extensions.Hosting;

public static class ServiceAuthExtensions
{
    /// <summary>
    /// Every endpoint of a service needs a caller with a valid bearer token and a known role (the
    /// gateway forwards its caller's token); only the health endpoints, which allow anonymous
    /// callers, are exempt. A call without a valid token is Unauthenticated.
    /// </summary>
    public static IHostApplicationBuilder AddServiceAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PlatformAuthOptions>().BindConfiguration(PlatformAuthOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PlatformAuthOptions>, PlatformAuthOptionsValidator>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<PlatformAuthOptions>>((jwt, auth) => ConfigureJwt(jwt, auth.Value.Authority, auth.Value.Audience,
                auth.Value.RequireHttpsMetadata, auth.Value.UsesDevKey ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.Value.DevSigningKey!)) : null));
        builder.Services.AddSingleton<ServiceCallerToken>();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(CallerRoles.All).Build());
        return builder;
    }

    /// <summary>
    /// Token validation shared by the gateway and the services, so that both accept exactly the same
    /// tokens: the development key's (issuer <see cref="PlatformAuthOptions.DevIssuer"/>) when
    /// <paramref name="devKey"/> is given, else the identity provider's.
    /// </summary>
    public static void ConfigureJwt(JwtBearerOptions jwt, string? authority, string? audience, bool requireHttpsMetadata, SecurityKey? devKey)
    {
        // Keep the token's claim names (`sub`, `role`) instead of the legacy WS-* URIs.
        jwt.MapInboundClaims = false;
        // One cache per scheme, for the life of the process: the same caller's token is validated once, not per call.
        jwt.Events = new ValidatedTokenCache().Events();
        jwt.TokenValidationParameters.NameClaimType = CallerRoles.SubjectClaim;
        jwt.TokenValidationParameters.RoleClaimType = CallerRoles.RoleClaim;
        if (devKey is not null)
        {
            jwt.TokenValidationParameters.ValidIssuer = PlatformAuthOptions.DevIssuer;
            jwt.TokenValidationParameters.ValidAudience = PlatformAuthOptions.DevAudience;
            jwt.TokenValidationParameters.IssuerSigningKey = devKey;
            jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            return;
        }

        jwt.Authority = authority;
        jwt.Audience = audience;
        jwt.RequireHttpsMetadata = requireHttpsMetadata;
    }

    /// <summary>The authenticated caller of a gRPC call (the fallback policy has let only those through).</summary>
    public static ClaimsPrincipal Caller(this ServerCallContext context) => context.GetHttpContext().User;

    /// <summary>
    /// A client may act only on its own client id; operators and core systems on any. The gateway
    /// checks this too; the service checks it again because the gateway is not its only possible caller.
    /// </summary>
    public static void EnsureMayActFor(this ServerCallContext context, string clientId)
    {
        var caller = context.Caller();
        if (caller.IsClientOnly() && !string.Equals(caller.Subject(), clientId, StringComparison.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "A client may act on its own client id only."));
        }
    }
}
