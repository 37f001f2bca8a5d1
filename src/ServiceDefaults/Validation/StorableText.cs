using System.Text;

namespace Platform.ServiceDefaults.Validation;

/// <summary>
/// Whether a text field can be stored and published as it is: PostgreSQL's text cannot hold NUL,
/// UTF-8 cannot hold a lone surrogate, and identifiers, codes and campaign names have no use for
/// control characters. A service refuses such a field as a field error before it reaches a
/// transaction, where one caller's bad value would fail every request batched with it.
/// </summary>
public static class StorableText
{
    /// <param name="multiline">Lets line breaks and tabs through (a message body); every other control character is still refused.</param>
    public static bool IsStorable(string value, bool multiline = false)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done || (Rune.IsControl(rune) && !(multiline && rune.Value is '\n' or '\r' or '\t')))
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }

    /// <summary>The field's error, or null: required or not, at most <paramref name="maxLength"/> characters, storable.</summary>
    public static string? Check(string value, int maxLength, bool required, bool multiline = false)
    {
        // Only an empty optional field skips the checks: whitespace alone can still be too long or hold tabs and newlines.
        if (value.Length == 0 || (required && string.IsNullOrWhiteSpace(value)))
        {
            return required ? $"is required, at most {maxLength} characters" : null;
        }

        if (value.Length > maxLength)
        {
            return required ? $"is required, at most {maxLength} characters" : $"is at most {maxLength} characters";
        }

        return IsStorable(value, multiline) ? null : "must not contain control characters or invalid Unicode";
    }
}
