namespace Platform.Engagement.Outreach.Decisions;

/// <summary>One instance's decision as a round reached it, waiting to be recorded with the round's others.</summary>
/// <param name="Instance">As claimed: its decide_after is the lease the record is checked against.</param>
/// <param name="Subject">What the decider saw (the last look before a send asks it again).</param>
/// <param name="Content">The words chosen, or why none; null when the decision came before Content was asked.</param>
public sealed record DecisionRecord(OutreachInstance Instance, DecisionSubject Subject, Verdict Verdict, ContentChoice? Content, ClientStanding Standing);
