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
            .AddPolicy(GatewayPolicies.ClientOrOperator, policy => policy.RequireRole(GatewayRoles.Client, GatewayRoles.Operator))
            .AddPolicy(GatewayPolicies.AnyRole, policy => policy.RequireRole(GatewayRoles.All));
        return builder;
    }

    // The services validate the tokens the gateway forwards with the same code (ServiceDefaults), so both accept the same tokens.
    private static void ConfigureJwt(JwtBearerOptions jwt, GatewayAuthOptions auth, DevSigningKey devKey) =>
        ServiceAuthExtensions.ConfigureJwt(jwt, auth.Authority, auth.Audience, auth.RequireHttpsMetadata, auth.DevTokens ? devKey.Key : null);
}
