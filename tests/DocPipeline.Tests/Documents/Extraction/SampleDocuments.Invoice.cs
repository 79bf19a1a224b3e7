namespace DocPipeline.Tests.Documents.Extraction;

public static partial class SampleDocuments
{
    /// <summary>The header line repeated on every page of <see cref="InvoicePdf"/>.</summary>
    public const string InvoiceHeader = "Northwind Books Ltd - Invoice INV-2024-00917";

    /// <summary>The footer of every page of <see cref="InvoicePdf"/> (before page numbers are filled in).</summary>
    public const string InvoiceFooter = "Northwind Books Ltd, 14 Harbour Street, Bristol BS1 4QA - Registered in England No. 04817263 - Page {page} of {pages}";

    /// <summary>samples/invoice-northwind-books.pdf: a two-page supplier invoice for a book order.</summary>
    public static byte[] InvoicePdf() => Pdf(
        [
            "INVOICE",
            "Invoice number: INV-2024-00917\nInvoice date: 14 March 2024\nDue date: 13 April 2024 (30 days net)\nCustomer order number: ORD-2024-118273\nCustomer account: CUST-004512\nDelivery note: DN-55190, delivered 11/03/2024",
            "Bill to:\nContoso Learning Ltd\nAttn: Priya Raman, Procurement Manager\n22 Kingsway, London WC2B 6NH\nEmail: priya.raman@contoso-learning.example.com\nPhone: +44 20 7946 0958",
            "Supplier contact: Tom Hartley, Accounts Receivable. Email tom.hartley@northwind-books.example.com or call his direct line on +44 117 496 0321 between 9:00 and 17:00, Monday to Friday.",
            "Thank you for your order for the spring term. The titles below were shipped in two consignments from our Avonmouth warehouse. Consignment one left on 8 March 2024 under UPS tracking number 1Z999AA10123456784; consignment two followed on 9 March 2024 under tracking number 1Z999AA10123456795. Both were signed for at your reception.",
            "Line items (quantity, ISBN, title, unit price, amount):",
            "1. 12 x ISBN 978-0-306-40615-7 Foundations of Applied Statistics, 2nd edition, GBP 42.50, GBP 510.00\n" +
            "2. 8 x ISBN 978-1-86197-271-2 Managing People in Growing Organisations, GBP 28.00, GBP 224.00\n" +
            "3. 15 x ISBN 978-0-14-103614-4 The Practical Writer's Handbook, GBP 12.99, GBP 194.85\n" +
            "4. 6 x ISBN 978-1-5291-0312-0 Introduction to Data Protection Law, GBP 39.95, GBP 239.70\n" +
            "5. 20 x ISBN 978-0-06-231500-7 Clear Thinking for Project Teams, GBP 16.50, GBP 330.00\n" +
            "6. 4 x ISBN 978-1-78528-782-4 Cloud Architecture Patterns, GBP 47.00, GBP 188.00\n" +
            "7. 10 x ISBN 978-1-118-77526-4 Accounting Basics for Non-Accountants, GBP 24.99, GBP 249.90\n" +
            "8. 25 x ISBN 978-0-356-15390-2 Short Stories for Language Learners, GBP 8.99, GBP 224.75",
            "Subtotal: GBP 2,161.20\nVAT: zero-rated (printed books), GBP 0.00\nCarriage: GBP 35.00\nTotal due: GBP 2,196.20\nDeposit received 2 March 2024: GBP 500.00\nBalance due by 13 April 2024: GBP 1,696.20",
            "How to pay",
            "Please pay by bank transfer and quote the invoice number INV-2024-00917 as the payment reference so that we can match your payment the same day. Our bank details are:",
            "Account name: Northwind Books Ltd\nBank: Westminster Bank plc, 1 Corn Street, Bristol\nIBAN: GB82 WEST 1234 5698 7654 32\nBIC: WESTGB22",
            "The deposit of GBP 500.00 was taken on 2 March 2024 from the card your office keeps on file with us: VISA 4111 1111 1111 1111, expiry 09/27, cardholder P. Raman. If you would prefer us to charge the balance to the same card instead of paying by transfer, reply to this invoice before 10 April 2024 and we will process it on the due date. Please do not send card details by e-mail; call our accounts team on 0117 496 0000 instead.",
            "Returns and queries",
            "Damaged or incorrect items may be returned within 30 days of delivery. Please raise a return request quoting your order number ORD-2024-118273 and the delivery note number, and we will send a prepaid label. Refunds are made to the original payment method within 5 working days of receiving the goods. Titles ordered from our special-order catalogue, such as item 6 (ISBN 978-1-78528-782-4), can only be returned if they arrive damaged.",
            "If you have a question about this invoice, e-mail accounts@northwind-books.example.com with the invoice number in the subject line, or call +44 117 496 0000. Our office is closed on bank holidays; messages received on 29 March 2024 or 1 April 2024 will be answered on 2 April 2024.",
            "Payment terms",
            "Invoices are payable within 30 days of the invoice date. We reserve the right to charge statutory interest on late payments under the Late Payment of Commercial Debts (Interest) Act 1998 at 8% above the Bank of England base rate, together with a fixed recovery charge of GBP 70.00 for debts between GBP 1,000.00 and GBP 9,999.99. Title to the goods remains with Northwind Books Ltd until payment is received in full.",
            "Your account manager for the 2024/25 academic year is Sarah Whitfield (sarah.whitfield@northwind-books.example.com, mobile +44 7700 900123). She will contact you in May to review your order for the autumn term, including the reading lists you shared on 20 February 2024.",
            "Thank you for your business.",
        ],
        InvoiceHeader,
        InvoiceFooter,
        title: "Invoice INV-2024-00917",
        author: "Northwind Books Ltd");
}
