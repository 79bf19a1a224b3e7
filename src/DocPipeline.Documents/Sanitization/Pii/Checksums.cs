using System.Numerics;
using System.Security.Cryptography;

namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>Check-digit algorithms that separate real identifiers from look-alike numbers.</summary>
internal static class Checksums
{
    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /// <summary>Luhn (mod 10) over a string of digits.</summary>
    public static bool Luhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (d is < 0 or > 9)
            {
                return false;
            }

            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>ISO 13616 check: move the first four characters to the end, letters to numbers, remainder mod 97 is 1.</summary>
    public static bool IbanMod97(string compactUpper)
    {
        if (compactUpper.Length < 5)
        {
            return false;
        }

        var rearranged = compactUpper[4..] + compactUpper[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            int value;
            if (c is >= '0' and <= '9')
            {
                value = c - '0';
                remainder = ((remainder * 10) + value) % 97;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                value = c - 'A' + 10;
                remainder = ((remainder * 100) + value) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    /// <summary>Base58Check as used by Bitcoin addresses: 25 bytes whose last 4 are a double SHA-256 checksum.</summary>
    public static bool Base58Check(string text)
    {
        BigInteger value = 0;
        foreach (var c in text)
        {
            var digit = Base58Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
            {
                return false;
            }

            value = (value * 58) + digit;
        }

        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var leadingZeros = text.TakeWhile(c => c == '1').Count();
        var full = new byte[leadingZeros + bytes.Length];
        bytes.CopyTo(full, leadingZeros);
        if (full.Length != 25)
        {
            return false;
        }

        var hash = SHA256.HashData(SHA256.HashData(full.AsSpan(0, 21)));
        return hash.AsSpan(0, 4).SequenceEqual(full.AsSpan(21, 4));
    }
}
