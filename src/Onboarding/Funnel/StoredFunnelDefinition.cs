using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Onboarding.Funnel;

/// <summary>One version of a funnel as stored: the definition as JSON, who changed it and when.</summary>
public sealed class StoredFunnelDefinition
{
    public required string Name { get; init; }

    public int Version { get; init; }

    public required string Definition { get; init; }

    public DateTimeOffset ChangedAt { get; init; }

    public required string ChangedBy { get; init; }

    public static StoredFunnelDefinition From(FunnelDefinition definition, DateTimeOffset changedAt, string changedBy) => new()
    {
        Name = definition.Name,
        Version = definition.Version,
        ChangedAt = changedAt,
        ChangedBy = changedBy,
        Definition = JsonSerializer.Serialize(new FunnelDocument(
            definition.Steps.Select(s => new FunnelDocumentStep(s.ToWireName(),
                definition.OptionalOnChannels.TryGetValue(s, out var channels) ? [.. channels.Order(StringComparer.Ordinal)] : [])).ToArray(),
            [.. definition.StallAfter], definition.DormantAfter), FunnelDocumentJson.Default.FunnelDocument),
    };

    public FunnelDefinition ToDefinition()
    {
        var document = JsonSerializer.Deserialize(Definition, FunnelDocumentJson.Default.FunnelDocument)
            ?? throw new InvalidOperationException($"Funnel {Name} v{Version} has an empty definition.");
        var steps = document.Steps.Select(s => FunnelSteps.TryParse(s.Step, out var step)
            ? step : throw new InvalidOperationException($"Funnel {Name} v{Version} names an unknown step.")).ToArray();
        var optional = document.Steps.Where(s => s.OptionalOnChannels.Length > 0).ToDictionary(
            s => steps[Array.FindIndex(document.Steps, d => d.Step == s.Step)],
            s => (IReadOnlySet<string>)new HashSet<string>(s.OptionalOnChannels, StringComparer.Ordinal));
        return new FunnelDefinition(Name, Version, steps, optional, document.StallAfter, document.DormantAfter);
    }
}

internal sealed record FunnelDocument(FunnelDocumentStep[] Steps, TimeSpan[] StallAfter, TimeSpan DormantAfter);

internal sealed record FunnelDocumentStep(string Step, string[] OptionalOnChannels);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FunnelDocument))]
internal sealed partial class FunnelDocumentJson : JsonSerializerContext;

internal sealed class StoredFunnelDefinitionConfiguration : IEntityTypeConfiguration<StoredFunnelDefinition>
{
    private static readonly DateTimeOffset SeededAt = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public void Configure(EntityTypeBuilder<StoredFunnelDefinition> definition)
    {
        definition.ToTable("funnel_definitions");
        definition.HasKey(d => new { d.Name, d.Version });
        definition.Property(d => d.Name).HasColumnName("name").HasMaxLength(64);
        definition.Property(d => d.Version).HasColumnName("version");
        definition.Property(d => d.Definition).HasColumnName("definition").HasColumnType("jsonb");
        definition.Property(d => d.ChangedAt).HasColumnName("changed_at");
        definition.Property(d => d.ChangedBy).HasColumnName("changed_by").HasMaxLength(128);
        definition.HasData(StoredFunnelDefinition.From(FunnelDefinition.Standard, SeededAt, "seed"));
    }
}
