namespace Platform.Content.Targeting;

/// <summary>
/// Recursive descent over the grammar
/// <c>or := and ("OR" and)*; and := not ("AND" not)*; not := "NOT" not | "(" or ")" | tag</c>.
/// Every error names the position an operator's editor can point at.
/// </summary>
internal sealed class SegmentParser(string text)
{
    private int position;
    private int depth;

    public SegmentExpression ParseWhole()
    {
        if (text.Length > SegmentExpression.MaxLength)
        {
            throw new SegmentSyntaxException(SegmentExpression.MaxLength + 1, $"the expression is longer than {SegmentExpression.MaxLength} characters");
        }

        var expression = ParseOr();
        var (kind, start, word) = Peek();
        if (kind != TokenKind.End)
        {
            throw new SegmentSyntaxException(start + 1, kind == TokenKind.Close ? "unmatched ')'" : $"expected AND, OR or the end, found '{word}'");
        }

        return expression;
    }

    private SegmentExpression ParseOr()
    {
        var left = ParseAnd();
        while (Peek().Kind == TokenKind.Or)
        {
            Next();
            left = new SegmentExpression.Or(left, ParseAnd());
        }

        return left;
    }

    private SegmentExpression ParseAnd()
    {
        var left = ParseNot();
        while (Peek().Kind == TokenKind.And)
        {
            Next();
            left = new SegmentExpression.And(left, ParseNot());
        }

        return left;
    }

    private SegmentExpression ParseNot()
    {
        var (kind, start, word) = Next();
        if (++depth > SegmentExpression.MaxDepth)
        {
            throw new SegmentSyntaxException(start + 1, $"the expression nests deeper than {SegmentExpression.MaxDepth} levels");
        }

        try
        {
            switch (kind)
            {
                case TokenKind.Not:
                    return new SegmentExpression.Not(ParseNot());
                case TokenKind.Open:
                    var inner = ParseOr();
                    var (closing, closingStart, _) = Next();
                    return closing == TokenKind.Close ? inner : throw new SegmentSyntaxException(closingStart + 1, "expected ')'");
                case TokenKind.Word:
                    return new SegmentExpression.Tag(CheckedTag(word, start));
                case TokenKind.End:
                    throw new SegmentSyntaxException(start + 1, "expected a tag, NOT or '(', found the end");
                default:
                    throw new SegmentSyntaxException(start + 1, $"expected a tag, NOT or '(', found '{word}'");
            }
        }
        finally
        {
            depth--;
        }
    }

    private static string CheckedTag(string word, int start) =>
        TagVocabulary.CheckTargetTag(word) is { } problem ? throw new SegmentSyntaxException(start + 1, problem) : word;

    private (TokenKind Kind, int Start, string Word) Peek()
    {
        var saved = position;
        var token = Next();
        position = saved;
        return token;
    }

    private (TokenKind Kind, int Start, string Word) Next()
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        var start = position;
        if (position == text.Length)
        {
            return (TokenKind.End, start, "");
        }

        var c = text[position];
        if (c is '(' or ')')
        {
            position++;
            return (c == '(' ? TokenKind.Open : TokenKind.Close, start, c.ToString());
        }

        while (position < text.Length && IsWordChar(text[position]))
        {
            position++;
        }

        if (position == start)
        {
            throw new SegmentSyntaxException(start + 1, $"unexpected character '{c}'");
        }

        var word = text[start..position];
        var kind = word.ToUpperInvariant() switch
        {
            "AND" => TokenKind.And,
            "OR" => TokenKind.Or,
            "NOT" => TokenKind.Not,
            _ => TokenKind.Word,
        };
        return (kind, start, word);
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is ':' or '-' or '_' or '.' or '+';

    private enum TokenKind
    {
        End,
        Open,
        Close,
        And,
        Or,
        Not,
        Word,
    }
}
