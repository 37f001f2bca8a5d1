namespace Platform.Bench.Onboarding.Population;

/// <summary>What <see cref="ExistingClients.SeedAsync"/> wrote: the clients, each table's rows after it, and how long it took.</summary>
public sealed record ExistingClientsResult(int Clients, IReadOnlyList<(string Table, long Rows)> Rows, TimeSpan Elapsed);
