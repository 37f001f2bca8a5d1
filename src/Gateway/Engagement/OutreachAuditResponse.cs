namespace Platform.Gateway.Engagement;

/// <summary>GET /v1/clients/{clientId}/outreach: the client's decided instances, newest fired first.</summary>
internal sealed record OutreachAuditResponse(IReadOnlyList<OutreachInstanceResponse> Instances);
