/// Formatting for the sandbox's own pages (payment window, receipts). Escaping is Mustache's
/// `HTMLEscaping`, the one escaper every page in the project uses.
enum HTMLText {
    /// `20000` -> `20,000원`, the way Korean checkout pages show prices.
    static func won(_ amount: Int) -> String {
        let digits = String(amount.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (amount < 0 ? "-" : "") + grouped + "원"
    }
}
