namespace Platform.Engagement.Outreach.Decisions;

/// <summary>The names of an instance's stored content values (<see cref="OutreachInstance.ContentValues"/>).</summary>
public static class ContentValues
{
    /// <summary>The CNY amount the moment is about (a deposit, idle cash, a maturity), as Content renders {{amount}}.</summary>
    public const string Amount = "amount";

    /// <summary>The date the moment is about (yyyy-MM-dd), as Content renders {{date}}.</summary>
    public const string Date = "date";

    /// <summary>The catalogue product the moment is about (M10's maturing product), by item id.</summary>
    public const string ProductItemId = "productItemId";
}
