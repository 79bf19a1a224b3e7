using DocPipeline.Documents.Sanitization;

namespace DocPipeline.Tests.Documents.Sanitization;

public sealed class NameAndAddressRedactionTests
{
    private static readonly TextSanitizer Sanitizer = new();

    [Fact]
    public void Sanitize_NameInRunningText_Redacted()
    {
        var result = Sanitizer.Sanitize("Please ask Priya Tanaka for the signed copy.");

        Assert.Equal("Please ask [PERSON_1] for the signed copy.", result.Text);
        Assert.Equal(1, result.RedactionCounts["PERSON"]);
    }

    [Fact]
    public void Sanitize_StreetAddressWithPostcode_Redacted()
    {
        var result = Sanitizer.Sanitize("Ship the replacement to 290 Baker Street, London NW1 6XE by Friday.");

        Assert.Equal("Ship the replacement to [ADDRESS_1] by Friday.", result.Text);
        Assert.True(result.Placeholders.TryGetOriginal("[ADDRESS_1]", out var original));
        Assert.Equal("290 Baker Street, London NW1 6XE", original);
    }

    [Fact]
    public void Sanitize_LaterShortMentions_ShareThePlaceholderOfTheFullName()
    {
        var result = Sanitizer.Sanitize(
            "Priya Tanaka sent the draft. Ms Tanaka also asked P. Tanaka to sign, and Priya agreed. Kenji Sato will check it.");

        Assert.Equal(
            "[PERSON_1] sent the draft. [PERSON_1] also asked [PERSON_1] to sign, and [PERSON_1] agreed. [PERSON_2] will check it.",
            result.Text);
    }

    [Theory]
    [InlineData("Dear Mr Okafor,\nthank you for the order.", "Dear [PERSON_1],\nthank you for the order.")]
    [InlineData("Hi Sofia,\nthe file is attached.", "Hi [PERSON_1],\nthe file is attached.")]
    [InlineData("Kind regards,\nHiroshi Yamamoto\nSenior Buyer", "Kind regards,\n[PERSON_1]\nSenior Buyer")]
    [InlineData("Name: Fatima Al-Sayed\nDepartment: Finance", "Name: [PERSON_1]\nDepartment: Finance")]
    [InlineData("From: Chen Jing <jing@example.cn>", "From: [PERSON_1] <[EMAIL_1]>")]
    [InlineData("Attendees: Aisha Bello, Tomasz Kowalski, Lena Fischer", "Attendees: [PERSON_1], [PERSON_2], [PERSON_3]")]
    [InlineData("The invoice was approved by Dr. Elena Petrova on Monday.", "The invoice was approved by [PERSON_1] on Monday.")]
    [InlineData("Sehr geehrte Frau Schneider,", "Sehr geehrte [PERSON_1],")]
    public void Sanitize_NameInItsUsualPlaces_Redacted(string text, string expected)
    {
        Assert.Equal(expected, Sanitizer.Sanitize(text).Text);
    }

    [Theory]
    [InlineData("Microsoft, Siemens and Samsung submitted bids in March.")]
    [InlineData("Our new product, Nimbus Cloud Backup, launches in September.")]
    [InlineData("May and June are busy; Monday and Friday are the delivery days.")]
    [InlineData("However, the shipment was delayed. Please note that the office is closed on Sunday.")]
    [InlineData("London, Paris and Berlin will host the roadshow.")]
    [InlineData("Baker Street station is closed at weekends.")]
    [InlineData("Nakamura Industries and the Kapoor Foundation sponsored the dinner.")]
    [InlineData("Dear Customer, your order has been dispatched.")]
    [InlineData("Will the new pricing apply from May? Mark the invoice as paid.")]
    public void Sanitize_OrganisationsProductsPlacesMonthsAndSentenceStarts_LeftAlone(string text)
    {
        Assert.Equal(text, Sanitizer.Sanitize(text).Text);
    }

    [Theory]
    [InlineData("Lieferadresse: Friedrichstraße 68, 10117 Berlin", "Lieferadresse: [ADDRESS_1]")]
    [InlineData("Envoyez-le au 18 rue de la République, 69002 Lyon.", "Envoyez-le au [ADDRESS_1].")]
    [InlineData("Dirección: Calle de Alcalá 45, 28014 Madrid", "Dirección: [ADDRESS_1]")]
    [InlineData("Mail cheques to P.O. Box 9021, Toronto, ON M5W 1R5.", "Mail cheques to [ADDRESS_1].")]
    [InlineData("Warehouse: 2-11-3 Meguro, Meguro-ku, Tokyo 153-0063", "Warehouse: [ADDRESS_1]")]
    [InlineData("Bill to:\n350 Fifth Avenue\nNew York, NY 10118\nUSA", "Bill to:\n[ADDRESS_1]\nUSA")]
    public void Sanitize_AddressInSeveralCountriesOrders_Redacted(string text, string expected)
    {
        Assert.Equal(expected, Sanitizer.Sanitize(text).Text);
    }

    [Fact]
    public void Sanitize_SameAddressTwice_OnePlaceholder()
    {
        var result = Sanitizer.Sanitize("Ship to 290 Baker Street, London NW1 6XE. Invoice 290 Baker Street,  London NW1 6XE too.");

        Assert.Equal("Ship to [ADDRESS_1]. Invoice [ADDRESS_1] too.", result.Text);
    }

    [Fact]
    public void Sanitize_NamesAndAddressesSwitchedOff_LeftAlone()
    {
        var sanitizer = new TextSanitizer(new TextSanitizerOptions { RedactTypes = new HashSet<PiiType> { PiiType.Email } });
        const string text = "Please ask Priya Tanaka to ship it to 290 Baker Street, London NW1 6XE.";

        Assert.Equal(text, sanitizer.Sanitize(text).Text);
    }
}
