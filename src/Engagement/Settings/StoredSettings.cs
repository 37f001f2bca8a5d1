using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Engagement.Grpc;

namespace Platform.Engagement.Settings;

/// <summary>
/// One version of the settings, kept forever (the history of what was in force when). The document is the operator's
/// settings as checked and accepted, in protobuf JSON, so a GET answers exactly the text a PUT gave.
/// </summary>
public sealed class StoredSettings
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public int Version { get; init; }

    public required string Document { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public static string ToDocument(EngagementSettingsSpec spec) => JsonFormatter.Default.Format(spec);

    public EngagementSettingsSpec ToSpec() => Parser.Parse<EngagementSettingsSpec>(Document);

    /// <summary>The settings in force; a stored version passed <see cref="SettingsSpec"/> when it was written.</summary>
    public CurrentSettings ToCurrent() =>
        SettingsSpec.Parse(ToSpec()) is ({ } settings, _)
            ? new CurrentSettings(Version, settings, CreatedAt)
            : throw new InvalidOperationException($"Stored engagement settings version {Version} no longer pass their checks.");
}

internal sealed class StoredSettingsConfiguration : IEntityTypeConfiguration<StoredSettings>
{
    public void Configure(EntityTypeBuilder<StoredSettings> stored)
    {
        stored.ToTable("engagement_settings");
        stored.HasKey(s => s.Version);
        stored.Property(s => s.Version).HasColumnName("version").ValueGeneratedNever();
        stored.Property(s => s.Document).HasColumnName("document").HasColumnType("jsonb");
        stored.Property(s => s.CreatedAt).HasColumnName("created_at");
        stored.HasData(new StoredSettings
        {
            Version = 1, Document = StoredSettings.ToDocument(SettingsDefaults.Spec()), CreatedAt = new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero),
        });
    }
}
