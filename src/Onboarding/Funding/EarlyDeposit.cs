using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Onboarding.Funnel;
using Platform.ServiceDefaults.Validation;

namespace Platform.Onboarding.Funding;

/// <summary>
/// A deposit reported before the client's approval was recorded (the core system and the approval
/// travel different paths): kept, the earliest per client, until the approval funds the account.
/// </summary>
public sealed class EarlyDeposit
{
    public required string ClientId { get; init; }

    public DateTimeOffset OccurredAt { get; init; }
}

internal sealed class EarlyDepositConfiguration : IEntityTypeConfiguration<EarlyDeposit>
{
    public void Configure(EntityTypeBuilder<EarlyDeposit> deposit)
    {
        deposit.ToTable("early_deposits");
        deposit.HasKey(d => d.ClientId);
        deposit.Property(d => d.ClientId).HasColumnName("client_id").HasMaxLength(ClientIds.MaxLength);
        deposit.Property(d => d.OccurredAt).HasColumnName("occurred_at");
    }
}
