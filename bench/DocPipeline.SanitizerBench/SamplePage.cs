namespace DocPipeline.SanitizerBench;

/// <summary>One page of a business letter and memo, about 3,000 characters, with the kinds of data the sanitizer redacts.</summary>
internal static class SamplePage
{
    public const string Text =
        """
        Northwind Traders Ltd
        Unit 7, Riverside Business Park, Leeds LS10 1AB

        Ms Priya Tanaka
        Head of Procurement
        Fabrikam GmbH
        Leopoldstraße 244
        80807 München
        Germany

        12 March 2024

        Dear Ms Tanaka,

        Thank you for your letter of 4 March regarding the delayed shipment of the X200 controllers. We have looked into
        the order with our logistics partner and can confirm that the replacement units left our Leeds warehouse on Monday.
        Please ask your receiving team to check the pallets for damage; if anything is missing, Daniel Okafor from our
        service desk will arrange a collection. He can be reached at daniel.okafor@northwind.example or on +44 113 496 0123.

        As agreed with Priya and with Mr. Hamid Karimi during the call on Tuesday, the credit note for EUR 4,250.00 will be
        paid to IBAN DE89 3704 0044 0532 0130 00 within ten working days. Our finance team in Manchester will send the
        remittance advice to accounts@fabrikam.example once the transfer clears. The revised price list for April, May and
        June is attached, together with the updated warranty terms for the Nimbus Cloud Backup service.

        Minutes of the steering meeting, Thursday 7 March
        Present: Maria Gonzalez (chair), Kenji Sato, Oluwaseun Adeyemi, Sarah Miller
        Apologies: Mohammed Rahman

        1. Microsoft Teams licences renew in January; Siemens and Oracle submitted bids for the new servers.
        2. Kenji will own the migration plan and Oluwaseun the test strategy. Sarah asked whether the Berlin office can
           take the overflow from Hamburg during the summer.
        3. The new Paris distributor, Lumière Distribution SARL, ships from 18 rue de la République, 69002 Lyon.
        4. Returns from North America go to 1200 Market Street, Suite 400, San Francisco, CA 94102, and returns from
           Asia to 1-9-1 Marunouchi, Chiyoda-ku, Tokyo 100-0005. Cheques are mailed to PO Box 4721, Nairobi 00100.

        Next meeting: Wednesday 3 April, 10:00, room 4.12. Please send agenda items to Maria by Friday.

        Kind regards,
        Thomas Anderson
        Customer Service Manager, Northwind Traders Ltd
        Tel. +44 113 496 0000
        """;
}
