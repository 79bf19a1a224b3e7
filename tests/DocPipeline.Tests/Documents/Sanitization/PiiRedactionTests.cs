using System.Text.Json;
using DocPipeline.Documents.Sanitization;

namespace DocPipeline.Tests.Documents.Sanitization;

public sealed class PiiRedactionTests
{
    private static readonly TextSanitizer Sanitizer = new();

    [Fact]
    public void Sanitize_SameValueTwice_GetsTheSamePlaceholder()
    {
        var result = Sanitizer.Sanitize("Mail alice@example.com, then ALICE@example.com again, and bob@example.org once.");

        Assert.Equal("Mail [EMAIL_1], then [EMAIL_1] again, and [EMAIL_2] once.", result.Text);
        Assert.Equal(3, result.RedactionCounts["EMAIL"]);
    }

    [Fact]
    public void Sanitize_SamePhoneInDifferentFormats_SharesPlaceholder()
    {
        var result = Sanitizer.Sanitize("Call (555) 123-4567 or 555.123.4567; fax 555-987-6543.");

        Assert.Equal("Call [PHONE_1] or [PHONE_1]; fax [PHONE_2].", result.Text);
    }

    [Fact]
    public void Sanitize_MixedDocument_CountsPerTypeAndKeepsProse()
    {
        const string text = "Dear team,\nplease refund card 4111 1111 1111 1111 to IBAN DE89 3704 0044 0532 0130 00.\n" +
                            "Customer SSN 123-45-6789, phone +44 20 7946 0958, login from 203.0.113.42.\n" +
                            "Order #555-123-4567 shipped on 2024-03-15 for $1,299.99 (ISBN 978-3-16-148410-0, version 1.2.3.4).";

        var result = Sanitizer.Sanitize(text);

        Assert.Equal(
            "Dear team,\nplease refund card [CARD_1] to IBAN [IBAN_1].\nCustomer SSN [SSN_1], phone [PHONE_1], login from [IP_1].\n" +
            "Order #555-123-4567 shipped on 2024-03-15 for $1,299.99 (ISBN 978-3-16-148410-0, version 1.2.3.4).",
            result.Text);
        Assert.Equal(
            new Dictionary<string, int> { ["CARD"] = 1, ["IBAN"] = 1, ["IP"] = 1, ["PHONE"] = 1, ["SSN"] = 1 },
            result.RedactionCounts);
        Assert.Equal(5, result.TotalRedactions);
    }

    [Fact]
    public void Sanitize_TextAlreadyContainingPlaceholders_ContinuesNumbering()
    {
        var result = Sanitizer.Sanitize("Earlier [EMAIL_1] and [EMAIL_4]; new carol@example.com.");

        Assert.Equal("Earlier [EMAIL_1] and [EMAIL_4]; new [EMAIL_5].", result.Text);
    }

    [Fact]
    public void Sanitize_SanitizedText_IsUnchangedWhenSanitizedAgain()
    {
        var once = Sanitizer.Sanitize("Reach jane@example.com or +1 202 555 0143 from 10.0.0.5; password=hunter22.").Text;

        var twice = Sanitizer.Sanitize(once);

        Assert.Equal(once, twice.Text);
        Assert.Equal(0, twice.TotalRedactions);
    }

    [Theory]
    [InlineData("Tel: +44 20 7946 0958")]
    [InlineData("Tel: (555) 123-4567")]
    [InlineData("Tel: 555.123.4567")]
    [InlineData("Tel: 020 7946 0958")]
    [InlineData("Tel: +33 1 42 68 53 00")]
    [InlineData("Tel: 1-800-555-0199")]
    [InlineData("Tel: +49 (0)89 1234 5678")]
    public void Sanitize_PhoneFormats_Redacted(string text)
    {
        Assert.Equal("Tel: [PHONE_1]", Sanitizer.Sanitize(text).Text);
    }

    [Theory]
    [InlineData("Meeting 2024-03-15 555-123-4567 confirmed.", "Meeting 2024-03-15 [PHONE_1] confirmed.")]
    [InlineData("Standby 16.03.2024 020 7946 0123 is the duty line.", "Standby 16.03.2024 [PHONE_1] is the duty line.")]
    [InlineData("Statement period 01/02/2024 - 29/02/2024.", "Statement period 01/02/2024 - 29/02/2024.")]
    [InlineData("Contract 2024-0815-0042 valid 2024-01-01/2024-12-31.", "Contract 2024-0815-0042 valid 2024-01-01/2024-12-31.")]
    public void Sanitize_PhoneNextToDates_OnlyThePhoneRedacted(string text, string expected)
    {
        Assert.Equal(expected, Sanitizer.Sanitize(text).Text);
    }

    [Theory]
    [InlineData("Delivered 2024-03-15 and 15.03.2024 and 03/15/2024.")]
    [InlineData("ISBN 978-3-16-148410-0 and ISBN-10 0-306-40615-2.")]
    [InlineData("Order #123-456-7890 and invoice INV-2024-00123.")]
    [InlineData("Upgrade from v2.4.10.1 to version 10.0.19045.3693.")]
    [InlineData("Total 1,234,567.89 USD or 12 345,67 EUR.")]
    [InlineData("Tracking 9400 1000 0000 0000 0000 00 and 1Z999AA10123456784.")]
    [InlineData("Request 123e4567-e89b-12d3-a456-426614174000, commit 9fceb02d0ae598e95dc970b74767f19372d61af8.")]
    public void Sanitize_LookAlikes_LeftAlone(string text)
    {
        var result = Sanitizer.Sanitize(text);

        Assert.Equal(text, result.Text);
        Assert.Empty(result.RedactionCounts);
    }

    [Theory]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("4111-1111-1111-1111", true)]
    [InlineData("378282246310005", true)]
    [InlineData("5555 5555 5555 4444", true)]
    [InlineData("4111 1111 1111 1112", false)]
    [InlineData("1234 5678 9012 3452", false)]
    public void Sanitize_CardNumbers_RedactedOnlyWithValidLuhnAndIssuer(string card, bool redacted)
    {
        var result = Sanitizer.Sanitize($"Card {card} on file.");

        Assert.Equal(redacted ? "Card [CARD_1] on file." : $"Card {card} on file.", result.Text);
    }

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00", true)]
    [InlineData("GB29NWBK60161331926819", true)]
    [InlineData("FR14 2004 1010 0505 0001 3M02 606", true)]
    [InlineData("DE88 3704 0044 0532 0130 00", false)]
    [InlineData("DE89 3704 0044 0532 0130", false)]
    [InlineData("XX89 3704 0044 0532 0130 00", false)]
    public void Sanitize_Ibans_RedactedOnlyWithValidChecksumAndLength(string iban, bool redacted)
    {
        var result = Sanitizer.Sanitize($"Pay to {iban} today.");

        Assert.Equal(redacted ? "Pay to [IBAN_1] today." : $"Pay to {iban} today.", result.Text);
    }

    [Theory]
    [InlineData("123-45-6789", true)]
    [InlineData("000-12-3456", false)]
    [InlineData("666-12-3456", false)]
    [InlineData("912-34-5678", false)]
    [InlineData("123-00-4567", false)]
    [InlineData("123-45-0000", false)]
    public void Sanitize_Ssns_FollowAreaGroupSerialRules(string ssn, bool redacted)
    {
        var result = Sanitizer.Sanitize($"SSN {ssn}.");

        Assert.Equal(redacted ? "SSN [SSN_1]." : $"SSN {ssn}.", result.Text);
    }

    [Theory]
    [InlineData("Host 192.168.1.10 is down.", "Host [IP_1] is down.")]
    [InlineData("Host 2001:db8:85a3::8a2e:370:7334 is down.", "Host [IP_1] is down.")]
    [InlineData("Host fe80::1ff:fe23:4567:890a is down.", "Host [IP_1] is down.")]
    [InlineData("Host 256.1.1.1 is down.", "Host 256.1.1.1 is down.")]
    [InlineData("Version 1.2.3 and v1.2.3.4 and release 2.0.0.1.", "Version 1.2.3 and v1.2.3.4 and release 2.0.0.1.")]
    [InlineData("Meet at 12:30:45 with std::vector.", "Meet at 12:30:45 with std::vector.")]
    public void Sanitize_IpAddresses_RedactedButNotVersionsOrTimes(string text, string expected)
    {
        Assert.Equal(expected, Sanitizer.Sanitize(text).Text);
    }

    [Theory]
    [InlineData("key AKIAIOSFODNN7EXAMPLE end", "key [SECRET_1] end")]
    [InlineData("key AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe end", "key [SECRET_1] end")]
    [InlineData("key ghp_abcdefghijklmnopqrstuvwxyz0123456789 end", "key [SECRET_1] end")]
    [InlineData("key xoxb-123456789012-123456789012-abcdefghijklmnopqrstuvwx end", "key [SECRET_1] end")]
    [InlineData("key sk_live_abcdefghijklmnopqrstuvwx end", "key [SECRET_1] end")]
    [InlineData("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk end", "jwt [SECRET_1] end")]
    [InlineData("password=Tr0ub4dor&3", "password=[SECRET_1]")]
    [InlineData("api_key: \"0123456789abcdef0123\"", "api_key: \"[SECRET_1]\"")]
    [InlineData("Password: hunter2.", "Password: [SECRET_1].")]
    [InlineData("AccountName=x;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq==;Suffix=y", "AccountName=x;AccountKey=[SECRET_1];Suffix=y")]
    [InlineData("Authorization: Bearer abcdefghijklmnop1234567890", "Authorization: Bearer [SECRET_1]")]
    public void Sanitize_Secrets_Redacted(string text, string expected)
    {
        Assert.Equal(expected, Sanitizer.Sanitize(text).Text);
    }

    [Theory]
    [InlineData("Password: required")]
    [InlineData("The password reset link expires in 24 hours.")]
    [InlineData("password: ${DB_PASSWORD}")]
    [InlineData("Password: ********")]
    public void Sanitize_PasswordProseAndReferences_LeftAlone(string text)
    {
        Assert.Equal(text, Sanitizer.Sanitize(text).Text);
    }

    [Fact]
    public void Sanitize_PemPrivateKey_WholeBlockRedacted()
    {
        const string text = "Key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\naFDrBz9vFqU4yQ==\n-----END RSA PRIVATE KEY-----\nDone.";

        Assert.Equal("Key:\n[SECRET_1]\nDone.", Sanitizer.Sanitize(text).Text);
    }

    [Fact]
    public void Sanitize_UrlWithCredentials_OnlyUserInfoRedacted()
    {
        var result = Sanitizer.Sanitize("DATABASE_URL=postgres://app:s3cr3t@db.example.com:5432/crm");

        Assert.Equal("DATABASE_URL=postgres://[URL_CREDENTIALS_1]@db.example.com:5432/crm", result.Text);
    }

    [Fact]
    public void Sanitize_LabelledValues_OnlyValueRedacted()
    {
        var result = Sanitizer.Sanitize("Date of birth: 12/03/1985. Passport No: X1234567. NI: AB 12 34 56 C. Invoice date: 12/03/2024.");

        Assert.Equal("Date of birth: [DOB_1]. Passport No: [PASSPORT_1]. NI: [NATIONAL_ID_1]. Invoice date: 12/03/2024.", result.Text);
    }

    [Fact]
    public void Sanitize_MacAndWallets_Redacted()
    {
        var result = Sanitizer.Sanitize("MAC 00:1A:2B:3C:4D:5E, BTC 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa, ETH 0x52908400098527886E0F7030069857D2E4169EE7.");

        Assert.Equal("MAC [MAC_1], BTC [CRYPTO_WALLET_1], ETH [CRYPTO_WALLET_2].", result.Text);
    }

    [Fact]
    public void Sanitize_RedactTypesSubset_OnlyThoseTypesRedacted()
    {
        var sanitizer = new TextSanitizer(new TextSanitizerOptions { RedactTypes = new HashSet<PiiType> { PiiType.Email } });

        var result = sanitizer.Sanitize("alice@example.com, 203.0.113.42");

        Assert.Equal("[EMAIL_1], 203.0.113.42", result.Text);
    }

    [Fact]
    public void SanitizedText_SerializedOrPrinted_RevealsNoOriginalValue()
    {
        const string secretValues = "alice@example.com 4111 1111 1111 1111";
        var result = Sanitizer.Sanitize(secretValues);

        var json = JsonSerializer.Serialize(result);
        var printed = result.ToString();
        var mapPrinted = result.Placeholders.ToString();

        foreach (var output in new[] { json, printed, mapPrinted })
        {
            Assert.DoesNotContain("alice", output, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("4111", output, StringComparison.Ordinal);
        }

        Assert.Equal("RedactionMap { Count = 2 }", mapPrinted);
        Assert.Contains("[EMAIL_1]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void RedactionMap_SerializedDirectly_WritesMarkerAndRefusesToRead()
    {
        var map = Sanitizer.Sanitize("bob@example.com").Placeholders;

        Assert.Equal("\"[withheld]\"", JsonSerializer.Serialize(map));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RedactionMap>("\"[withheld]\""));
    }

    [Fact]
    public void SanitizedText_JsonRoundTrip_KeepsTextAndCountsButNoMap()
    {
        var result = Sanitizer.Sanitize("bob@example.com");

        var back = JsonSerializer.Deserialize<SanitizedText>(JsonSerializer.Serialize(result));

        Assert.NotNull(back);
        Assert.Equal("[EMAIL_1]", back.Text);
        Assert.Equal(1, back.RedactionCounts["EMAIL"]);
        Assert.Equal(0, back.Placeholders.Count);
    }

    [Fact]
    public void RedactionMap_InMemory_ResolvesBothWays()
    {
        var result = Sanitizer.Sanitize("Write to bob@example.com or call +1 202 555 0143.");

        Assert.True(result.Placeholders.TryGetOriginal("[EMAIL_1]", out var email));
        Assert.Equal("bob@example.com", email);
        Assert.True(result.Placeholders.TryGetPlaceholder("+1 202 555 0143", out var phone));
        Assert.Equal("[PHONE_1]", phone);
        Assert.Equal("Summary: bob@example.com called.", result.Placeholders.Restore("Summary: [EMAIL_1] called."));
    }

    [Fact]
    public void FindPii_ReturnsSpansInOrderWithoutValues()
    {
        const string text = "a@example.com then 203.0.113.42";

        var spans = Sanitizer.FindPii(text);

        Assert.Equal([new PiiSpan(PiiType.Email, 0, 13), new PiiSpan(PiiType.IpAddress, 19, 12)], spans);
    }

    [Fact]
    public async Task Sanitize_LargeDocument_CompletesAndRedactsEverything()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var line = "Customer jane.doe@example.com called from +44 20 7946 0958 about order #123-456-7890 on 2024-03-15, " +
                   "paid 1,299.99 EUR with 4111 1111 1111 1111; see version 1.2.3.4 and ISBN 978-3-16-148410-0.\n";
        var text = string.Concat(Enumerable.Repeat(line, 5000));

        var result = await Task.Run(() => Sanitizer.Sanitize(text), timeout.Token).WaitAsync(timeout.Token);

        Assert.Equal(5000, result.RedactionCounts["EMAIL"]);
        Assert.Equal(5000, result.RedactionCounts["PHONE"]);
        Assert.Equal(5000, result.RedactionCounts["CARD"]);
        Assert.Equal(3, result.RedactionCounts.Count);
        Assert.DoesNotContain("jane.doe", result.Text, StringComparison.Ordinal);
    }
}
