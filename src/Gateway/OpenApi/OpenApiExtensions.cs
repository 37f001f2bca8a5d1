using Scalar.AspNetCore;

namespace Platform.Gateway.OpenApi;

internal static class OpenApiExtensions
{
    public static IHostApplicationBuilder AddGatewayOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            options.AddOperationTransformer<BearerSecuritySchemeTransformer>();
            options.AddSchemaTransformer<WireSchemaTransformer>();
            options.AddDocumentTransformer<ContractDocumentTransformer>();
            options.AddOperationTransformer<ContractDocumentTransformer>();
        });
        return builder;
    }

    /// <summary>/openapi/v1.json and the browsable reference at /scalar/v1, both anonymous.</summary>
    public static WebApplication MapGatewayOpenApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(options => options.WithTitle("Platform gateway API")).AllowAnonymous();
        return app;
    }
}
