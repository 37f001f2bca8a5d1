namespace Platform.Onboarding.Backfill;

/// <summary>What one pass of a backfill did: its batches (transactions) and the rows it wrote.</summary>
public sealed record BackfillResult(int Batches, int Filled);
