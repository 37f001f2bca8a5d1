namespace Platform.Engagement.Rules;

public static class RulesExtensions
{
    /// <summary>The rule book (hot-reloaded from the rules table) and its options.</summary>
    public static IHostApplicationBuilder AddRules(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RuleBookOptions>().BindConfiguration(RuleBookOptions.SectionName).ValidateOnStart()
            .Validate(o => o.RefreshInterval > TimeSpan.Zero, $"{RuleBookOptions.SectionName}:RefreshInterval must be positive");
        builder.Services.AddSingleton<RuleBook>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RuleBook>());
        return builder;
    }

    public static IEndpointRouteBuilder MapRules(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<RuleGrpcService>();
        return endpoints;
    }
}
