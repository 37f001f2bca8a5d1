using Grpc.Core;
using Grpc.Net.Client.Configuration;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Options;
using Platform.Content.Grpc;
using Platform.Engagement.Grpc;
using Platform.Onboarding.Grpc;
using Platform.Tiering.Grpc;

namespace Platform.Gateway.Downstream;

internal static class DownstreamExtensions
{
    public static IHostApplicationBuilder AddDownstreamServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DownstreamOptions>().BindConfiguration(DownstreamOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DownstreamOptions>, DownstreamOptionsValidator>();
        builder.Services.AddSingleton<GrpcErrorMapping>();
        builder.Services.AddSingleton<DeadlineInterceptor>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<CallerTokenInterceptor>();

        builder.Services.AddDownstreamClient<OnboardingService.OnboardingServiceClient>(
            "onboarding", OnboardingService.Descriptor.FullName, idempotentMethods: [nameof(OnboardingService.OnboardingServiceClient.GetProgress)]);
        builder.Services.AddDownstreamClient<FunnelConfigService.FunnelConfigServiceClient>(
            "onboarding", FunnelConfigService.Descriptor.FullName, idempotentMethods: [nameof(FunnelConfigService.FunnelConfigServiceClient.GetFunnel)]);
        builder.Services.AddDownstreamClient<FunnelReportService.FunnelReportServiceClient>(
            "onboarding", FunnelReportService.Descriptor.FullName,
            idempotentMethods: [nameof(FunnelReportService.FunnelReportServiceClient.GetFunnelReport)]);
        builder.Services.AddDownstreamClient<TieringService.TieringServiceClient>(
            "tiering", TieringService.Descriptor.FullName,
            idempotentMethods: [nameof(TieringService.TieringServiceClient.GetTier), nameof(TieringService.TieringServiceClient.GetTierHistory)]);
        builder.Services.AddDownstreamClient<TierConfigService.TierConfigServiceClient>(
            "tiering", TierConfigService.Descriptor.FullName, idempotentMethods: [nameof(TierConfigService.TierConfigServiceClient.GetTierTable)]);
        // Redeem is idempotent on its redemption key: a retry finds the first redemption.
        builder.Services.AddDownstreamClient<BenefitsService.BenefitsServiceClient>(
            "tiering", BenefitsService.Descriptor.FullName,
            idempotentMethods: [nameof(BenefitsService.BenefitsServiceClient.ListClientBenefits), nameof(BenefitsService.BenefitsServiceClient.Redeem)]);
        builder.Services.AddDownstreamClient<BenefitCatalogService.BenefitCatalogServiceClient>(
            "tiering", BenefitCatalogService.Descriptor.FullName,
            idempotentMethods: [nameof(BenefitCatalogService.BenefitCatalogServiceClient.ListBenefits),
                nameof(BenefitCatalogService.BenefitCatalogServiceClient.GetBenefit)]);
        // Content: reads are retried; SetClientTags replaces a client's tags with the same set, so a retry changes nothing more.
        // Creates and edits are not (a retried create would be a 409 for the caller's own item, a retried edit a second version).
        builder.Services.AddDownstreamClient<CatalogService.CatalogServiceClient>(
            "content", CatalogService.Descriptor.FullName,
            idempotentMethods: [nameof(CatalogService.CatalogServiceClient.ListItems), nameof(CatalogService.CatalogServiceClient.GetItem),
                nameof(CatalogService.CatalogServiceClient.ListItemVersions)]);
        builder.Services.AddDownstreamClient<AudienceService.AudienceServiceClient>(
            "content", AudienceService.Descriptor.FullName,
            idempotentMethods: [nameof(AudienceService.AudienceServiceClient.GetClientTags), nameof(AudienceService.AudienceServiceClient.SetClientTags),
                nameof(AudienceService.AudienceServiceClient.ListSegments), nameof(AudienceService.AudienceServiceClient.GetSegment)]);
        builder.Services.AddDownstreamClient<FeedService.FeedServiceClient>(
            "content", FeedService.Descriptor.FullName, idempotentMethods: [nameof(FeedService.FeedServiceClient.GetFeed)]);
        // A conversion is idempotent on its event id, so a retry is answered "duplicate" and counts nothing twice.
        builder.Services.AddDownstreamClient<ExperimentService.ExperimentServiceClient>(
            "content", ExperimentService.Descriptor.FullName,
            idempotentMethods: [nameof(ExperimentService.ExperimentServiceClient.ListExperiments), nameof(ExperimentService.ExperimentServiceClient.GetExperiment),
                nameof(ExperimentService.ExperimentServiceClient.GetResults)]);
        builder.Services.AddDownstreamClient<ConversionService.ConversionServiceClient>(
            "content", ConversionService.Descriptor.FullName, idempotentMethods: [nameof(ConversionService.ConversionServiceClient.RecordConversion)]);
        // Engagement: marking a message read and completing a task keep their first time, so a retry changes nothing more.
        builder.Services.AddDownstreamClient<InboxService.InboxServiceClient>(
            "engagement", InboxService.Descriptor.FullName,
            idempotentMethods: [nameof(InboxService.InboxServiceClient.ListInbox), nameof(InboxService.InboxServiceClient.MarkRead)]);
        builder.Services.AddDownstreamClient<AdvisorTaskService.AdvisorTaskServiceClient>(
            "engagement", AdvisorTaskService.Descriptor.FullName,
            idempotentMethods: [nameof(AdvisorTaskService.AdvisorTaskServiceClient.ListTasks), nameof(AdvisorTaskService.AdvisorTaskServiceClient.CompleteTask)]);
        builder.Services.AddDownstreamClient<RuleService.RuleServiceClient>(
            "engagement", RuleService.Descriptor.FullName, idempotentMethods: [nameof(RuleService.RuleServiceClient.ListRules), nameof(RuleService.RuleServiceClient.GetRule)]);
        builder.Services.AddDownstreamClient<EngagementSettingsService.EngagementSettingsServiceClient>("engagement", EngagementSettingsService.Descriptor.FullName,
            idempotentMethods: [nameof(EngagementSettingsService.EngagementSettingsServiceClient.GetSettings), nameof(EngagementSettingsService.EngagementSettingsServiceClient.ListSettingsVersions)]);
        // Erasure is idempotent: a retried request finds the first one and publishes nothing.
        builder.Services.AddDownstreamClient<Platform.Engagement.Privacy.Grpc.PrivacyService.PrivacyServiceClient>("engagement",
            Platform.Engagement.Privacy.Grpc.PrivacyService.Descriptor.FullName, idempotentMethods: ["EraseClient"]);
        // The outreach audit and the moments report only read.
        builder.Services.AddDownstreamClient<OutreachAuditService.OutreachAuditServiceClient>("engagement", OutreachAuditService.Descriptor.FullName,
            idempotentMethods: [nameof(OutreachAuditService.OutreachAuditServiceClient.ListOutreach)]);
        builder.Services.AddDownstreamClient<MomentReportService.MomentReportServiceClient>("engagement", MomentReportService.Descriptor.FullName,
            idempotentMethods: [nameof(MomentReportService.MomentReportServiceClient.GetMomentReport)]);
        return builder;
    }

    /// <summary>
    /// A gRPC client found through service discovery: "http://_grpc.{service}" resolves to the
    /// service's endpoint named "grpc" (Aspire injects services:{service}:grpc:0; set that key to
    /// point the gateway elsewhere). Every call gets the configured deadline; only the listed
    /// idempotent methods are retried, and only while the service is unavailable.
    /// </summary>
    private static IHttpClientBuilder AddDownstreamClient<TClient>(
        this IServiceCollection services, string service, string grpcServiceName, string[] idempotentMethods)
        where TClient : ClientBase
    {
        var client = services
            .AddGrpcClient<TClient>(options => options.Address = new Uri($"http://_grpc.{service}"))
            .AddInterceptor<DeadlineInterceptor>(InterceptorScope.Channel)
            .AddInterceptor<CallerTokenInterceptor>(InterceptorScope.Channel)
            .ConfigureChannel((provider, channel) =>
                channel.ServiceConfig = RetryIdempotent(grpcServiceName, idempotentMethods,
                    provider.GetRequiredService<IOptions<DownstreamOptions>>().Value.IdempotentAttempts));

        // ServiceDefaults' HTTP resilience handler would retry every call, commands included, and
        // put its own timeouts around gRPC's deadlines: gRPC's retry policy replaces it.
        // EXTEXP0001 marks the API experimental; it is the documented way to opt a client out.
#pragma warning disable EXTEXP0001
        return client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }

    private static ServiceConfig RetryIdempotent(string grpcServiceName, string[] methods, int attempts)
    {
        if (attempts < 2 || methods.Length == 0)
        {
            return new ServiceConfig();
        }

        var config = new MethodConfig
        {
            RetryPolicy = new RetryPolicy
            {
                MaxAttempts = attempts,
                InitialBackoff = TimeSpan.FromMilliseconds(100),
                MaxBackoff = TimeSpan.FromSeconds(1),
                BackoffMultiplier = 2,
                RetryableStatusCodes = { StatusCode.Unavailable },
            },
        };
        foreach (var method in methods)
        {
            config.Names.Add(new MethodName { Service = grpcServiceName, Method = method });
        }

        return new ServiceConfig { MethodConfigs = { config } };
    }
}
