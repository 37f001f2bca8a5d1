using Microsoft.Extensions.Options;
using Platform.Gateway.Auth;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// Every bucket positive and finite; anonymous callers no more generous than clients; no role the
/// gateway does not know and no key of the single bucket these settings replaced (a typo or an old
/// setting would otherwise be ignored in silence).
/// </summary>
internal sealed class GatewayRateLimitOptionsValidator(IConfiguration configuration) : IValidateOptions<GatewayRateLimitOptions>
{
    private const string Section = GatewayRateLimitOptions.SectionName;
    private static readonly string[] Known = ["Roles", "Anonymous"];

    public ValidateOptionsResult Validate(string? name, GatewayRateLimitOptions options)
    {
        List<string> errors = [];
        Check(errors, $"{Section}:Roles:{GatewayRoles.Client}", options.Roles.Client);
        Check(errors, $"{Section}:Roles:{GatewayRoles.Operator}", options.Roles.Operator);
        Check(errors, $"{Section}:Roles:{GatewayRoles.System}", options.Roles.System);
        Check(errors, $"{Section}:Anonymous", options.Anonymous);
        if (options.Anonymous.PermitsPerSecond > options.Roles.Client.PermitsPerSecond || options.Anonymous.Burst > options.Roles.Client.Burst)
        {
            errors.Add($"{Section}:Anonymous must not be more generous than {Section}:Roles:{GatewayRoles.Client} (callers without a token are limited by address).");
        }

        var section = configuration.GetSection(Section);
        foreach (var key in section.GetChildren().Select(child => child.Key).Where(key => !Known.Contains(key, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add($"{Section}:{key} is not a setting; limits are per role: {Section}:Roles:<role>:PermitsPerSecond and :Burst, and {Section}:Anonymous.");
        }

        foreach (var role in section.GetSection("Roles").GetChildren().Select(child => child.Key)
                     .Where(role => !GatewayRoles.All.Contains(role, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add($"{Section}:Roles:{role} is not a role; the roles are {string.Join(", ", GatewayRoles.All)}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, string key, RateLimit limit)
    {
        if (!(limit.PermitsPerSecond > 0) || double.IsInfinity(limit.PermitsPerSecond))
        {
            errors.Add($"{key}:PermitsPerSecond must be a positive number.");
        }

        if (limit.Burst < 1)
        {
            errors.Add($"{key}:Burst must be at least 1.");
        }
    }
}
