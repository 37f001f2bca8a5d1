namespace Platform.Content.Experiments;

/// <summary>A client's variant of an experiment, drawn once and kept for good.</summary>
public sealed class ExperimentAssignment
{
    public required string ExperimentKey { get; init; }

    public required string ClientId { get; init; }

    public required string Variant { get; init; }

    public DateTimeOffset AssignedAt { get; init; }
}

/// <summary>A client's first exposure to an experiment: what "exposures" counts (distinct clients) and where its window starts.</summary>
public sealed class ExperimentExposure
{
    public required string ExperimentKey { get; init; }

    public required string ClientId { get; init; }

    public required string Variant { get; init; }

    public required string ItemId { get; init; }

    public DateTimeOffset FirstExposedAt { get; init; }

    /// <summary>When the client's first conversion within the window was counted; null until then.</summary>
    public DateTimeOffset? ConvertedAt { get; init; }
}

/// <summary>A conversion event as received, kept so that the same event id counts once and a conversion that came first can count later.</summary>
public sealed class ExperimentConversion
{
    public Guid EventId { get; init; }

    public required string ClientId { get; init; }

    public required string ExperimentKey { get; init; }

    /// <summary>When it counts as having happened: the caller's time for a core system, the receive time for a client app.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The occurredAt the caller sent: a replay of the event id must send the same one.</summary>
    public DateTimeOffset ReportedAt { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>
/// Running totals per variant, spread over <see cref="ExperimentCounters.Slots"/> rows so that
/// concurrent exposures do not queue on one row: the results read a few dozen rows, never the
/// exposures themselves, however many millions there are.
/// </summary>
public sealed class ExperimentCount
{
    public required string ExperimentKey { get; init; }

    public required string Variant { get; init; }

    public short Slot { get; init; }

    public long Exposures { get; init; }

    public long Conversions { get; init; }
}
