namespace DocPipeline.Tests.Documents.Extraction;

public static partial class SampleDocuments
{
    /// <summary>samples/contractor-agreement-fabrikam.docx: an independent contractor agreement with a party table and a fee schedule.</summary>
    public static byte[] ServicesAgreementDocx() => Docx(
        [
            Paragraph("Independent Contractor Services Agreement", bold: true),
            Paragraph("Agreement number FA-2024-0419, made on 1 April 2024 (the \"Effective Date\") between the parties below."),
            Table(
                ["", "Client", "Contractor"],
                ["Name", "Fabrikam Analytics Inc.", "Daniel Okafor"],
                ["Address", "400 Market Street, Suite 1200, San Francisco, CA 94105", "1835 Alder Lane, Portland, OR 97214"],
                ["Contact e-mail", "legal@fabrikam-analytics.example.com", "daniel.okafor@example.com"],
                ["Telephone", "+1 (415) 555-0132", "+1 (503) 555-0177"],
                ["Taxpayer identification", "EIN on file with accounts payable", "SSN 078-05-1120"]),
            Paragraph("1. Services", bold: true),
            Paragraph("The Contractor will design and deliver a data-quality review of the Client's customer analytics platform, as described in Statement of Work SOW-2024-07, including an assessment of the ingestion pipeline, a written report of findings, and two remediation workshops with the Client's engineering team. The Contractor decides how the work is done and supplies the Contractor's own equipment."),
            Paragraph("2. Term", bold: true),
            Paragraph("This Agreement starts on the Effective Date and ends on 30 September 2024 unless ended earlier under section 8. The parties may extend it in writing; any extension must reference agreement number FA-2024-0419 and purchase order PO-88317."),
            Paragraph("3. Fees and payment", bold: true),
            Paragraph("The Client will pay the fees in the schedule below. The Contractor will invoice at the end of each milestone, quoting purchase order PO-88317. Invoices are payable within 30 days of receipt. Expenses are reimbursed at cost when approved in advance by the Client's project lead."),
            Table(
                ["Milestone", "Deliverable", "Due date", "Fee (USD)"],
                ["M1", "Kick-off and access review", "15 April 2024", "4,500.00"],
                ["M2", "Pipeline assessment and interim findings", "31 May 2024", "12,000.00"],
                ["M3", "Final report (version 1.0) and workshops", "15 July 2024", "9,750.00"],
                ["M4", "Follow-up review of remediation", "16 September 2024", "3,250.00"]),
            Paragraph("Payments will be made by international wire transfer to the Contractor's account: account holder Daniel Okafor, IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX. The Contractor may change these details only by a signed letter; the Client will confirm any change by calling the Contractor on the number in the table above before releasing a payment."),
            Paragraph("4. Independent contractor status", bold: true),
            Paragraph("The Contractor is an independent contractor and not an employee, partner or agent of the Client. The Contractor is responsible for all taxes on the fees. The Client will issue Form 1099-NEC for each calendar year using the taxpayer identification number given above and will not withhold tax unless required by law."),
            Paragraph("5. Confidentiality", bold: true),
            Paragraph("The Contractor will keep confidential all non-public information received from the Client, including customer data, source code and system credentials, and will use it only to perform the Services. Credentials issued to the Contractor, such as the read-only reporting account, must be stored in the Client's password manager and must never be sent by e-mail. This obligation survives for five years after this Agreement ends."),
            Paragraph("6. Data protection", bold: true),
            Paragraph("Where the Services involve personal data, the Contractor will process it only on the Client's written instructions, keep it within the Client's environment, and report any suspected breach to security@fabrikam-analytics.example.com within 24 hours of becoming aware of it."),
            Paragraph("7. Intellectual property", bold: true),
            Paragraph("On payment in full, the Client owns the report and other deliverables created specifically for the Client. The Contractor keeps ownership of pre-existing tools and know-how and grants the Client a perpetual licence to use any of them embedded in the deliverables."),
            Paragraph("8. Termination", bold: true),
            Paragraph("Either party may end this Agreement with 14 days' written notice. The Client will pay for work completed up to the termination date, pro rata for a milestone in progress."),
            Paragraph("9. Notices", bold: true),
            Paragraph("Notices must be in writing and sent to the addresses in the table above, with a copy by e-mail. Notices to the Client must be marked for the attention of Maria Gonzalez, General Counsel (maria.gonzalez@fabrikam-analytics.example.com, +1 (415) 555-0199)."),
            Paragraph("Signed for Fabrikam Analytics Inc.: Maria Gonzalez, General Counsel, 1 April 2024"),
            Paragraph("Signed by the Contractor: Daniel Okafor, 2 April 2024"),
        ],
        title: "Independent Contractor Services Agreement FA-2024-0419",
        author: "Fabrikam Analytics Inc. Legal",
        header: "Fabrikam Analytics Inc. - Confidential",
        footer: "Agreement FA-2024-0419 - Independent Contractor Services");
}
