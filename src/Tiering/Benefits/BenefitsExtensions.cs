namespace Platform.Tiering.Benefits;

public static class BenefitsExtensions
{
    /// <summary>The benefit catalogue, what each client may use, and redemption.</summary>
    public static IHostApplicationBuilder AddBenefits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BenefitCache>();
        builder.Services.AddScoped<BenefitStore>();
        builder.Services.AddScoped<ClientBenefitsReader>();
        builder.Services.AddScoped<BenefitRedeemer>();
        return builder;
    }

    public static IEndpointRouteBuilder MapBenefits(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<BenefitsGrpcService>();
        endpoints.MapGrpcService<BenefitCatalogGrpcService>();
        return endpoints;
    }
}
