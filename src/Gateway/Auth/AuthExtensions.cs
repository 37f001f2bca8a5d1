using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Gateway.Auth;

internal static class AuthExtensions
{
    public static IHostApplicationBuilder AddGatewayAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayAuthOptions>()
            .BindConfiguration(GatewayAuthOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
                options.DevTokens |= configuration.GetValue<bool>(GatewayAuthOptions.DevTokensKey))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayAuthOptions>, GatewayAuthOptionsValidator>();
        builder.Services.AddSingleton<DevSigningKey>();
        builder.Services.AddSingleton<DevTokenIssuer>();
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, AuthJsonContext.Default));

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<GatewayAuthOptions>, DevSigningKey>((jwt, auth, devKey) => ConfigureJwt(jwt, auth.Value, devKey));

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(GatewayPolicies.Client, policy => policy.RequireRole(GatewayRoles.Client))
            .AddPolicy(GatewayPolicies.Operator, policy => policy.RequireRole(GatewayRoles.Operator))
            .AddPolicy(GatewayPolicies.System, policy => policy.RequireRole(GatewayRoles.System))
            .AddPolicy(GatewayPolicies.ClientOrSystem, policy => policy.RequireRole(GatewayRoles.Client, GatewayRoles.System))
            .AddPolicy(GatewayPolicies.AnyRole, policy => policy.RequireRole(GatewayRoles.All));
        return builder;
    }

    private static void ConfigureJwt(JwtBearerOptions jwt, GatewayAuthOptions auth, DevSigningKey devKey)
    {
        // Keep the token's claim names (`sub`, `role`) instead of the legacy WS-* URIs.
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters.NameClaimType = GatewayRoles.SubjectClaim;
        jwt.TokenValidationParameters.RoleClaimType = GatewayRoles.RoleClaim;

        if (auth.DevTokens)
        {
            jwt.TokenValidationParameters.ValidIssuer = GatewayAuthOptions.DevIssuer;
            jwt.TokenValidationParameters.ValidAudience = GatewayAuthOptions.DevAudience;
            jwt.TokenValidationParameters.IssuerSigningKey = devKey.Key;
            jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            return;
        }

        jwt.Authority = auth.Authority;
        jwt.Audience = auth.Audience;
        jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
    }
}
