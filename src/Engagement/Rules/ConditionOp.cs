namespace Platform.Engagement.Rules;

/// <summary>A condition's operator; <see cref="ConditionOps"/> has their wire spellings.</summary>
public enum ConditionOp
{
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    In,
    NotIn,
    Exists,
}
