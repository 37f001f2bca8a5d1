using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// Bearer tokens this process has validated in full, remembered until they expire (and for at most
/// <see cref="MaxLifetime"/>), so that the same token on the next request skips the signature check and the
/// claims parsing. The gateway forwards its caller's token on every call: a core system's thousands of steps
/// per second carry one token, and validating it again on each of them was the largest part of what
/// authenticating internal calls added to a step (about 0.04 ms of Onboarding's CPU, benchmark of 2026-12-06).
/// Keyed by the whole token, so a token that differs in one character is a miss and is validated as usual;
/// a token the handler refuses is never remembered; an entry never outlives the token's own expiry, so the
/// cache accepts nothing the handler would refuse (the handler even allows its clock skew after expiry).
/// Bounded by count: the tokens of millions of clients cannot grow it without limit.
/// </summary>
public sealed class ValidatedTokenCache : IDisposable
{
    public const int MaxEntries = 100_000;

    /// <summary>Also the longest a signing key withdrawn by the identity provider keeps a remembered token valid.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    private const string BearerPrefix = "Bearer ";

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    /// <summary>The handler's events: a remembered token succeeds at once; a validated one is remembered.</summary>
    public JwtBearerEvents Events() => new() { OnMessageReceived = RecallAsync, OnTokenValidated = RememberAsync };

    public void Dispose() => cache.Dispose();

    private Task RecallAsync(MessageReceivedContext context)
    {
        if (TokenOf(context.Request) is { } token && cache.TryGetValue(token, out Remembered? remembered) && remembered is not null)
        {
            if (NowOf(context.Options) < remembered.Expires)
            {
                // A copy: the request may add to its user's identities, and the remembered one serves other requests.
                context.Principal = remembered.Principal.Clone();
                context.Success();
            }
            else
            {
                cache.Remove(token);
            }
        }

        return Task.CompletedTask;
    }

    private Task RememberAsync(TokenValidatedContext context)
    {
        if (context.SecurityToken is JsonWebToken { ValidTo: var validTo } && validTo != DateTime.MinValue
            && TokenOf(context.Request) is { } token && context.Principal is { } principal)
        {
            // The handler's clock (a test's fake one too) decides; the cache's own expiry only bounds the memory.
            var now = NowOf(context.Options);
            var expires = new DateTimeOffset(DateTime.SpecifyKind(validTo, DateTimeKind.Utc));
            expires = expires < now + MaxLifetime ? expires : now + MaxLifetime;
            if (expires > now)
            {
                cache.Set(token, new Remembered(principal.Clone(), expires),
                    new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = expires - now, Size = 1 });
            }
        }

        return Task.CompletedTask;
    }

    private static DateTimeOffset NowOf(JwtBearerOptions options) => (options.TimeProvider ?? TimeProvider.System).GetUtcNow();

    private sealed record Remembered(ClaimsPrincipal Principal, DateTimeOffset Expires);

    private static string? TokenOf(HttpRequest request) =>
        request.Headers.Authorization.ToString() is var header && header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? header[BearerPrefix.Length..].Trim() is { Length: > 0 } token ? token : null
            : null;
}
