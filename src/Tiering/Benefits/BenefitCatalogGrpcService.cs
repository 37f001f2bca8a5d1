using Microsoft.AspNetCore.Authorization;
using Platform.ServiceDefaults.Auth;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults;
using Platform.Tiering.Grpc;

namespace Platform.Tiering.Benefits;

/// <summary>
/// Operators' catalogue. A change is seen by every client's list once the catalogue copy is
/// refreshed after commit (or, if that refresh was missed, within the copy's time to live);
/// redemptions always check the database.
/// </summary>
[Authorize(Roles = CallerRoles.Operator)]
public sealed class BenefitCatalogGrpcService(TieringDbContext db, BenefitStore store, TimeProvider time) : BenefitCatalogService.BenefitCatalogServiceBase
{
    public override Task<BenefitCatalog> ListBenefits(ListBenefitsRequest request, ServerCallContext context) =>
        store.RefreshCatalogAsync(context.CancellationToken);

    public override async Task<BenefitDefinition> GetBenefit(GetBenefitRequest request, ServerCallContext context) =>
        (await db.Benefits.AsNoTracking().FirstOrDefaultAsync(b => b.BenefitId == request.BenefitId, context.CancellationToken) ?? throw NotFound(request.BenefitId))
        .ToDefinition();

    public override async Task<BenefitDefinition> CreateBenefit(BenefitDefinition request, ServerCallContext context)
    {
        var spec = Parse(request);
        var benefit = Benefit.Create(spec, time.GetUtcNow());
        db.Benefits.Add(benefit);
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"A benefit '{spec.BenefitId}' exists; change it with PUT."));
        }

        await store.RefreshCatalogAsync(CancellationToken.None); // saved: the copy follows even if the caller is gone
        return benefit.ToDefinition();
    }

    public override async Task<BenefitDefinition> UpdateBenefit(BenefitDefinition request, ServerCallContext context)
    {
        var spec = Parse(request);
        var benefit = await db.Benefits.FirstOrDefaultAsync(b => b.BenefitId == spec.BenefitId, context.CancellationToken) ?? throw NotFound(spec.BenefitId);
        benefit.Update(spec, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RpcException(new Status(StatusCode.Aborted,
                $"Benefit '{spec.BenefitId}' was changed by someone else at the same time; read it again and retry."));
        }

        await store.RefreshCatalogAsync(CancellationToken.None); // saved: the copy follows even if the caller is gone
        return benefit.ToDefinition();
    }

    private static BenefitSpec Parse(BenefitDefinition request) =>
        BenefitWire.ToSpec(request, out var errors) ?? throw GrpcFieldErrors.InvalidArgument(errors);

    private static RpcException NotFound(string benefitId) => new(new Status(StatusCode.NotFound, $"There is no benefit '{benefitId}'."));
}
