using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Gateway.Auth;

/// <summary>Mints local-mode tokens: issuer "platform-dev", HS256 with the dev signing key.</summary>
internal sealed class DevTokenIssuer(DevSigningKey key, IOptions<GatewayAuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler handler = new();

    public (string Token, DateTimeOffset ExpiresAt) Issue(string role, string subject)
    {
        var now = time.GetUtcNow();
        var expiresAt = now + options.Value.DevTokenLifetime;
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = GatewayAuthOptions.DevIssuer,
            Audience = GatewayAuthOptions.DevAudience,
            Subject = new ClaimsIdentity([new Claim(GatewayRoles.SubjectClaim, subject), new Claim(GatewayRoles.RoleClaim, role)]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expiresAt);
    }
}
