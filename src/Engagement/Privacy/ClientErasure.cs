using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.ServiceDefaults.Validation;

namespace Platform.Engagement.Privacy;

/// <summary>
/// An operator's request to erase a client, kept for good: it makes the erasure idempotent (ClientErased is published
/// once) and it is Engagement's own tombstone, which the timeline and the decision pipeline read.
/// </summary>
public sealed class ClientErasure
{
    public required string ClientId { get; init; }

    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>The operator's subject (the token's <c>sub</c>), for the audit of who erased whom.</summary>
    public required string RequestedBy { get; init; }
}

internal sealed class ClientErasureConfiguration : IEntityTypeConfiguration<ClientErasure>
{
    public void Configure(EntityTypeBuilder<ClientErasure> erasure)
    {
        erasure.ToTable("client_erasures");
        erasure.HasKey(e => e.ClientId);
        erasure.Property(e => e.ClientId).HasColumnName("client_id").HasMaxLength(ClientIds.MaxLength);
        erasure.Property(e => e.RequestedAt).HasColumnName("requested_at");
        erasure.Property(e => e.RequestedBy).HasColumnName("requested_by").HasMaxLength(200);
    }
}
