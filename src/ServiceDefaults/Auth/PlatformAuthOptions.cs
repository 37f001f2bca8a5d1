using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// How a service checks the bearer token of each gRPC call, bound from "Platform:Auth": in
/// production the brokerage's identity provider (Authority, Audience), the same settings as the
/// gateway's; in local mode and tests the development signing key that the gateway mints its
/// dev tokens with. The dev key is refused outside the Development environment, whatever the
/// settings say: a key kept in a repository must never open a deployed service.
/// </summary>
public sealed class PlatformAuthOptions
{
    public const string SectionName = "Platform:Auth";
    public const string DevIssuer = "platform-dev";
    public const string DevAudience = "platform-gateway";
    public const int MinDevSigningKeyBytes = 32;

    /// <summary>The identity provider's issuer URL (its OpenID Connect metadata is read from there).</summary>
    public string? Authority { get; set; }

    public string? Audience { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>HMAC-SHA256 key of dev tokens (issuer <see cref="DevIssuer"/>), at least 32 bytes of UTF-8; Development only.</summary>
    public string? DevSigningKey { get; set; }

    public bool UsesDevKey => !string.IsNullOrEmpty(DevSigningKey);

    /// <summary>
    /// The token this service presents when it calls another service on its own behalf (role system), outside Development:
    /// one the identity provider issued to it. In Development it is minted with <see cref="DevSigningKey"/> instead.
    /// </summary>
    public string? ServiceToken { get; set; }
}

internal sealed class PlatformAuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<PlatformAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, PlatformAuthOptions options)
    {
        const string Section = PlatformAuthOptions.SectionName;
        List<string> errors = [];
        if (options.UsesDevKey)
        {
            if (!environment.IsDevelopment())
            {
                errors.Add($"{Section}:DevSigningKey is accepted only in the Development environment (this is {environment.EnvironmentName}); " +
                    $"set {Section}:Authority and {Section}:Audience instead.");
            }

            if (Encoding.UTF8.GetByteCount(options.DevSigningKey!) < PlatformAuthOptions.MinDevSigningKeyBytes)
            {
                errors.Add($"{Section}:DevSigningKey must be at least {PlatformAuthOptions.MinDevSigningKeyBytes} bytes of UTF-8.");
            }
        }
        else
        {
            if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out _))
            {
                errors.Add($"{Section}:Authority must be the identity provider's absolute URL (or {Section}:DevSigningKey in Development).");
            }

            if (string.IsNullOrWhiteSpace(options.Audience))
            {
                errors.Add($"{Section}:Audience is required (or {Section}:DevSigningKey in Development).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
