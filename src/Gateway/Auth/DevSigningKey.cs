using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Gateway.Auth;

/// <summary>The key that signs and checks dev tokens: the configured one, or one random key for this process.</summary>
internal sealed class DevSigningKey(IOptions<GatewayAuthOptions> options)
{
    private readonly Lazy<(SymmetricSecurityKey Key, bool Generated)> key = new(() =>
        options.Value.DevSigningKey is { Length: > 0 } configured
            ? (new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configured)), false)
            : (new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(GatewayAuthOptions.MinDevSigningKeyBytes)), true));

    public SymmetricSecurityKey Key => key.Value.Key;

    public bool Generated => key.Value.Generated;
}
