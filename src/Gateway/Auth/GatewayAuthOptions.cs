using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Auth;

/// <summary>
/// Token validation, bound from "Gateway:Auth" (and "Gateway:DevTokens"). In production the
/// gateway trusts the brokerage's identity provider (Authority and Audience); in local mode
/// (Gateway:DevTokens=true) it mints and accepts its own tokens signed with DevSigningKey.
/// </summary>
public sealed class GatewayAuthOptions
{
    public const string SectionName = "Gateway:Auth";
    public const string DevTokensKey = "Gateway:DevTokens";
    public const string DevIssuer = Platform.ServiceDefaults.Auth.PlatformAuthOptions.DevIssuer;
    public const string DevAudience = Platform.ServiceDefaults.Auth.PlatformAuthOptions.DevAudience;
    public const int MinDevSigningKeyBytes = Platform.ServiceDefaults.Auth.PlatformAuthOptions.MinDevSigningKeyBytes;

    /// <summary>
    /// Local mode: POST /v1/dev/tokens is mapped and tokens are checked against DevSigningKey. The
    /// gateway refuses to start with it unless its environment is Development.
    /// </summary>
    public bool DevTokens { get; set; }

    /// <summary>The identity provider's issuer URL (its OpenID Connect metadata is read from there).</summary>
    public string? Authority { get; set; }

    public string? Audience { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// HMAC-SHA256 key for dev tokens, at least 32 bytes of UTF-8. Without it a random key is
    /// generated at start, and tokens then do not survive a restart.
    /// </summary>
    public string? DevSigningKey { get; set; }

    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(12);
}

/// <summary>
/// Checks the settings at start. Dev tokens let anyone mint a `system` token, so they are refused
/// unless the host environment is Development: no setting can turn them on in a deployed gateway.
/// </summary>
internal sealed class GatewayAuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<GatewayAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayAuthOptions options)
    {
        const string Section = GatewayAuthOptions.SectionName;
        List<string> errors = [];
        if (options.DevTokens)
        {
            if (!environment.IsDevelopment())
            {
                errors.Add($"{GatewayAuthOptions.DevTokensKey}=true is refused in environment '{environment.EnvironmentName}': dev tokens let "
                    + "anyone mint a system token, so they work only when the gateway's environment is Development "
                    + "(DOTNET_ENVIRONMENT=Development, or ASPNETCORE_ENVIRONMENT, which wins when both are set). Outside local mode set Gateway:Auth:Authority and Gateway:Auth:Audience instead.");
            }

            if (options.DevSigningKey is { } key && Encoding.UTF8.GetByteCount(key) < GatewayAuthOptions.MinDevSigningKeyBytes)
            {
                errors.Add($"{Section}:DevSigningKey must be at least {GatewayAuthOptions.MinDevSigningKeyBytes} bytes of UTF-8.");
            }

            if (options.DevTokenLifetime <= TimeSpan.Zero)
            {
                errors.Add($"{Section}:DevTokenLifetime must be positive.");
            }
        }
        else
        {
            if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out _))
            {
                errors.Add($"{Section}:Authority must be the identity provider's absolute URL (or set {GatewayAuthOptions.DevTokensKey}=true in local mode).");
            }

            if (string.IsNullOrWhiteSpace(options.Audience))
            {
                errors.Add($"{Section}:Audience is required (or set {GatewayAuthOptions.DevTokensKey}=true in local mode).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
