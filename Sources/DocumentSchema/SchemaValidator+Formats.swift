/// The formats of dates and file modes, for every reader of them (the catalogs compare against them).
extension SchemaValidator {
    public static func isDate(_ s: String) -> Bool { day(s) != nil }

    /// The year, month and day of text of the form YYYY-MM-DD that names a day; nil for anything
    /// else (a month 13, a 30 February, a time of day). `CalendarDay` reads dates with it.
    public static func day(_ s: String) -> (year: Int, month: Int, day: Int)? {
        guard let (y, m, d) = dateFields(s), impossibility(year: y, month: m, day: d) == nil else { return nil }
        return (y, m, d)
    }

    /// How many days month `m` (1–12) of year `y` has, in the Gregorian calendar.
    public static func days(inMonth m: Int, of y: Int) -> Int {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }

    /// Why `s`, written as YYYY-MM-DD, names no day ("there is no month 13"); nil for a day, or for
    /// text of another form.
    public static func impossibleDate(_ s: String) -> String? {
        dateFields(s).flatMap { impossibility(year: $0.0, month: $0.1, day: $0.2) }
    }

    /// The three numbers of text of the form YYYY-MM-DD.
    private static func dateFields(_ s: String) -> (Int, Int, Int)? {
        guard s.utf8.count == 10 else { return nil }
        var (y, m, d) = (0, 0, 0)
        for (i, byte) in s.utf8.enumerated() {
            if i == 4 || i == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            if i < 4 {
                y = y * 10 + digit
            } else if i < 7 {
                m = m * 10 + digit
            } else {
                d = d * 10 + digit
            }
        }
        return (y, m, d)
    }

    private static func impossibility(year y: Int, month m: Int, day d: Int) -> String? {
        guard (1...12).contains(m) else { return "there is no month \(m)" }
        let days = days(inMonth: m, of: y)
        if (1...days).contains(d) { return nil }
        return d == 0 ? "there is no day 0" : "month \(m) of \(y) has \(days) days"
    }

    public static func isFileMode(_ s: String) -> Bool {
        let digits = s.count == 4 && s.hasPrefix("0") ? String(s.dropFirst()) : s
        return digits.count == 3 && digits.allSatisfy { ("0"..."7").contains($0) }
    }
}
