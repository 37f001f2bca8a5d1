namespace Platform.Tiering;

public static class TieringExtensions
{
    public const string DatabaseName = "tieringdb";

    public static IHostApplicationBuilder AddTiering(this IHostApplicationBuilder builder)
    {
        builder.AddServiceInfrastructure<TieringDbContext>(DatabaseName);
        return builder;
    }
}
