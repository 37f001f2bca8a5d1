using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.TestSupport.Auth;

/// <summary>
/// Bearer tokens for calling services hosted by tests, signed with the development key that
/// <see cref="Services.ServiceFactory{TEntryPoint}"/> configures (Platform:Auth:DevSigningKey),
/// as the gateway's dev tokens are in local mode.
/// </summary>
public static class TestTokens
{
    public const string SigningKey = "test-platform-dev-signing-key-0123456789abcdef";
    public const string Issuer = "platform-dev";
    public const string Audience = "platform-gateway";

    public static string System(string subject = "test-core-system") => Mint("system", subject);

    public static string Operator(string subject = "test-operator") => Mint("operator", subject);

    public static string Client(string clientId) => Mint("client", clientId);

    /// <summary>A token; every part can be made wrong on purpose to test that services refuse it.</summary>
    public static string Mint(string role, string subject, string signingKey = SigningKey, string issuer = Issuer, string audience = Audience,
        DateTimeOffset? expiresAt = null)
    {
        var expires = expiresAt ?? DateTimeOffset.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("role", role)]),
            IssuedAt = expires.UtcDateTime.AddHours(-2),
            NotBefore = expires.UtcDateTime.AddHours(-2),
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
