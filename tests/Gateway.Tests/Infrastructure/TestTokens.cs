using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// Tokens signed in the test, without asking the gateway: as the dev token route mints them
/// (issuer platform-dev, audience platform-gateway, the test signing key), or broken in one respect.
/// </summary>
public static class TestTokens
{
    public const string DevIssuer = "platform-dev";
    public const string DevAudience = "platform-gateway";

    public static string Sign(string role, string subject, DateTimeOffset now, TimeSpan? lifetime = null, string issuer = DevIssuer,
        string audience = DevAudience, string signingKey = GatewayFactory.SigningKey)
    {
        var expires = now + (lifetime ?? TimeSpan.FromHours(1));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("role", role)]),
            IssuedAt = (expires < now ? expires.AddHours(-1) : now).UtcDateTime,
            NotBefore = (expires < now ? expires.AddHours(-1) : now).UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
