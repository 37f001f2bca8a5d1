using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Auth;

namespace Platform.ServiceDefaults.Tests.Auth;

/// <summary>What the validated-token cache may accept: only a token the handler validated, and only until it expires.</summary>
public sealed class ValidatedTokenCacheTests : IDisposable
{
    private static readonly AuthenticationScheme Scheme = new(JwtBearerDefaults.AuthenticationScheme, null, typeof(JwtBearerHandler));

    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly ValidatedTokenCache cache = new();
    private readonly JwtBearerEvents events;
    private readonly JwtBearerOptions options;

    public ValidatedTokenCacheTests()
    {
        events = cache.Events();
        options = new JwtBearerOptions { TimeProvider = time };
    }

    public void Dispose() => cache.Dispose();

    [Fact]
    public async Task AValidatedTokenIsRecalledUntilItExpiresAndNeverAfter()
    {
        var token = Sign(time.GetUtcNow() + TimeSpan.FromMinutes(2));
        Assert.Null(await RecallAsync(token));                     // nothing validated yet: the handler validates it
        await RememberAsync(token);

        var recalled = await RecallAsync(token);
        Assert.Equal("c-1", recalled?.FindFirst("sub")?.Value);

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await RecallAsync(token));                     // expired: the handler decides again (and refuses)
    }

    [Fact]
    public async Task ALongLivedTokenIsRecalledForFiveMinutesAtMost()
    {
        var token = Sign(time.GetUtcNow() + TimeSpan.FromHours(8));
        await RememberAsync(token);

        time.Advance(ValidatedTokenCache.MaxLifetime - TimeSpan.FromSeconds(1));
        Assert.NotNull(await RecallAsync(token));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await RecallAsync(token));
    }

    [Fact]
    public async Task AnotherTokenOfTheSameCallerIsNotRecalled()
    {
        await RememberAsync(Sign(time.GetUtcNow() + TimeSpan.FromMinutes(2)));
        Assert.Null(await RecallAsync(Sign(time.GetUtcNow() + TimeSpan.FromMinutes(3))));
    }

    [Fact]
    public async Task ARecalledCallerIsACopyARequestCannotChangeForTheNext()
    {
        var token = Sign(time.GetUtcNow() + TimeSpan.FromMinutes(2));
        await RememberAsync(token);
        (await RecallAsync(token))!.AddIdentity(new ClaimsIdentity([new Claim("role", "system")]));

        Assert.False((await RecallAsync(token))!.HasClaim("role", "system"));
    }

    private async Task RememberAsync(string token)
    {
        var context = new TokenValidatedContext(Request(token), Scheme, options)
        {
            Principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "c-1"), new Claim("role", "client")], "Bearer")),
            SecurityToken = new JsonWebToken(token),
        };
        await events.TokenValidated(context);
    }

    private async Task<ClaimsPrincipal?> RecallAsync(string token)
    {
        var context = new MessageReceivedContext(Request(token), Scheme, options);
        await events.MessageReceived(context);
        return context.Result is { Succeeded: true } result ? result.Principal : null;
    }

    private static HttpContext Request(string token)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = $"Bearer {token}";
        return http;
    }

    private static string Sign(DateTimeOffset expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new ClaimsIdentity([new Claim("sub", "c-1"), new Claim("role", "client")]),
        IssuedAt = expires.AddHours(-9).UtcDateTime,
        NotBefore = expires.AddHours(-9).UtcDateTime,
        Expires = expires.UtcDateTime,
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("test-signing-key-0123456789abcdef0123")), SecurityAlgorithms.HmacSha256),
    });
}
