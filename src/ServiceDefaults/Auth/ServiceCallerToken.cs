using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// The bearer token a service presents when it calls another on its own behalf rather than for a caller (Engagement asking
/// Content for an outreach's words): role system, subject the service's name. In Development it is minted with the dev
/// signing key and renewed well before it expires; elsewhere it is <see cref="PlatformAuthOptions.ServiceToken"/>, issued
/// to the service by the identity provider (a client-credentials flow is not built: README, known limits).
/// </summary>
public sealed class ServiceCallerToken(IOptions<PlatformAuthOptions> options, IHostEnvironment environment)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private readonly JsonWebTokenHandler handler = new();
    private readonly Lock gate = new();
    private (string Token, DateTimeOffset RenewAt)? minted;

    /// <summary>The token to send now; throws when the service has none configured (a call without one would be refused anyway).</summary>
    public string Current()
    {
        var auth = options.Value;
        if (!auth.UsesDevKey)
        {
            return auth.ServiceToken is { Length: > 0 } token ? token
                : throw new InvalidOperationException($"{PlatformAuthOptions.SectionName}:ServiceToken is required to call other services outside Development.");
        }

        // Real time, not the service's business clock (a test may fake that): the callee checks the token's times against its own.
        var now = TimeProvider.System.GetUtcNow();
        lock (gate)
        {
            if (minted is not { } current || now >= current.RenewAt)
            {
                current = (Mint(auth.DevSigningKey!, now), now + Lifetime / 2);
                minted = current;
            }

            return current.Token;
        }
    }

    private string Mint(string key, DateTimeOffset now) => handler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = PlatformAuthOptions.DevIssuer,
        Audience = PlatformAuthOptions.DevAudience,
        Subject = new ClaimsIdentity([new Claim(CallerRoles.SubjectClaim, environment.ApplicationName), new Claim(CallerRoles.RoleClaim, CallerRoles.System)]),
        IssuedAt = now.UtcDateTime,
        NotBefore = now.UtcDateTime,
        Expires = (now + Lifetime).UtcDateTime,
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
    });
}
