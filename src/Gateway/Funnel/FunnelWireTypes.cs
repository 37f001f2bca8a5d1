using System.Text.Json.Serialization;
using Platform.Gateway.Json;

namespace Platform.Gateway.Funnel;

/// <summary>The standard funnel's steps (DOMAIN.md section 1), plus `rejected`.</summary>
[JsonConverter(typeof(WireEnumConverter<FunnelStep>))]
public enum FunnelStep
{
    [JsonStringEnumMemberName("registered")] Registered,
    [JsonStringEnumMemberName("phone_verified")] PhoneVerified,
    [JsonStringEnumMemberName("id_uploaded")] IdUploaded,
    [JsonStringEnumMemberName("id_verified")] IdVerified,
    [JsonStringEnumMemberName("face_verified")] FaceVerified,
    [JsonStringEnumMemberName("profile_completed")] ProfileCompleted,
    [JsonStringEnumMemberName("risk_assessed")] RiskAssessed,
    [JsonStringEnumMemberName("bank_card_bound")] BankCardBound,
    [JsonStringEnumMemberName("depository_signed")] DepositorySigned,
    [JsonStringEnumMemberName("agreements_signed")] AgreementsSigned,
    [JsonStringEnumMemberName("video_witnessed")] VideoWitnessed,
    [JsonStringEnumMemberName("submitted")] Submitted,
    [JsonStringEnumMemberName("approved")] Approved,
    [JsonStringEnumMemberName("rejected")] Rejected,
}

/// <summary>Where a prospect came from: public traffic, then private traffic.</summary>
[JsonConverter(typeof(WireEnumConverter<AcquisitionChannel>))]
public enum AcquisitionChannel
{
    [JsonStringEnumMemberName("app_store")] AppStore,
    [JsonStringEnumMemberName("short_video")] ShortVideo,
    [JsonStringEnumMemberName("wechat_article")] WechatArticle,
    [JsonStringEnumMemberName("search_ad")] SearchAd,
    [JsonStringEnumMemberName("partner_bank")] PartnerBank,
    [JsonStringEnumMemberName("advisor_referral")] AdvisorReferral,
    [JsonStringEnumMemberName("wecom")] Wecom,
    [JsonStringEnumMemberName("client_referral")] ClientReferral,
    [JsonStringEnumMemberName("branch")] Branch,
}

/// <summary>The suitability questionnaire's result.</summary>
[JsonConverter(typeof(WireEnumConverter<RiskLevel>))]
public enum RiskLevel
{
    [JsonStringEnumMemberName("C1")] C1,
    [JsonStringEnumMemberName("C2")] C2,
    [JsonStringEnumMemberName("C3")] C3,
    [JsonStringEnumMemberName("C4")] C4,
    [JsonStringEnumMemberName("C5")] C5,
}
