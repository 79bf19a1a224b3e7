using DocPipeline.Documents.Sanitization;

namespace DocPipeline.Tests.Documents.Sanitization;

public sealed class LabelledNationalIdAndSecretTests
{
    private static readonly TextSanitizer Sanitizer = new();

    [Theory]
    [InlineData("Aadhaar: 3314 0721 3846 ✔ Bank", "Aadhaar: [NATIONAL_ID_1] ✔ Bank")]
    [InlineData("CPF 386.635.277-80, admissão 03/02/2020", "CPF [NATIONAL_ID_1], admissão 03/02/2020")]
    [InlineData("Steuer-ID: 86095741285", "Steuer-ID: [NATIONAL_ID_1]")]
    [InlineData("Personalausweis-Nr.: L01X00T47, gültig", "Personalausweis-Nr.: [NATIONAL_ID_1], gültig")]
    [InlineData("numéro de sécurité sociale 2 90 08 75 056 123 35, est employée", "numéro de sécurité sociale [NATIONAL_ID_1], est employée")]
    [InlineData("NHS number 497 919 1924, GP surgery", "NHS number [NATIONAL_ID_1], GP surgery")]
    [InlineData("DNI 19744084X, fecha", "DNI [NATIONAL_ID_1], fecha")]
    [InlineData("PAN: BNZPM2501F", "PAN: [NATIONAL_ID_1]")]
    [InlineData("Codice fiscale: RSSMRA85T10A562S — residenza", "Codice fiscale: [NATIONAL_ID_1] — residenza")]
    [InlineData("national ID card: AB1234567; DOB", "national ID card: [NATIONAL_ID_1]; DOB")]
    public void Sanitize_LabelledNationalId_OnlyValueRedacted(string text, string expected)
    {
        Assert.Equal(expected, Sanitizer.Sanitize(text).Text);
    }

    [Theory]
    [InlineData("The PANEL 12345 was replaced on 2024-03-01.")]
    [InlineData("Add a pinch of salt to the pan 12345 times.")]
    [InlineData("The NHS 111 service is open all night.")]
    [InlineData("Your ID card expires in 2029; renew it early.")]
    [InlineData("SIN and COS tables, 16 entries each.")]
    [InlineData("NHS 2024/25 budget allocation for the trust.")]
    [InlineData("ID card 2019-05-22 renewal appointment.")]
    public void Sanitize_LabelWordsWithoutAnIdentifier_LeftAlone(string text)
    {
        Assert.Equal(text, Sanitizer.Sanitize(text).Text);
    }

    [Fact]
    public void Sanitize_PhoneAfterMyNumberInProse_StaysPhone()
    {
        var result = Sanitizer.Sanitize("Please call my number 0171 2345678 after six.");

        Assert.Equal("Please call my number [PHONE_1] after six.", result.Text);
    }

    [Theory]
    [InlineData("--registration-token glpat-ZYyUyEEknkyuTnSlWK5c --executor docker", "--registration-token [SECRET_1] --executor docker")]
    [InlineData("CREATE USER report_ro WITH PASSWORD 'R3p0rt-ro!';", "CREATE USER report_ro WITH PASSWORD '[SECRET_1]';")]
    [InlineData("CREATE USER 'app'@'%' IDENTIFIED BY 'S3cret-Pw';", "CREATE USER 'app'@'%' IDENTIFIED BY '[SECRET_1]';")]
    [InlineData("define( 'DB_PASSWORD', 'W0rdPr3ss!2024#' );", "define( 'DB_PASSWORD', '[SECRET_1]' );")]
    public void Sanitize_SecretInCodeSyntax_ValueRedacted(string text, string expected)
    {
        Assert.Equal(expected, Sanitizer.Sanitize(text).Text);
    }

    [Theory]
    [InlineData("define( 'DB_PASSWORD', '' );")]
    [InlineData("ALTER USER app WITH PASSWORD NULL;")]
    [InlineData("(\"password\", \"${DB_PASSWORD}\")")]
    [InlineData("\"required\": [\"password\", \"email\"]")]
    public void Sanitize_EmptyOrReferencedSecretInCode_LeftAlone(string text)
    {
        Assert.Equal(text, Sanitizer.Sanitize(text).Text);
    }
}
