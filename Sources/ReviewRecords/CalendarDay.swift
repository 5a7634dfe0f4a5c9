import DocumentSchema

/// A calendar date in UTC, with no time of day: the unit of the prerequisite history. Evidence
/// dated D counts from D on (inclusive); a window from A to B covers A and B.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Parses `YYYY-MM-DD`, refusing anything else (a month 13, a 30 February, a time of day).
    public init?(_ text: String) {
        // Read as the formats' `date` fields are checked, so that a date they accept is a day here.
        guard let (year, month, day) = SchemaValidator.day(text) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public init?(year: Int, month: Int, day: Int) {
        guard (0...9999).contains(year), (1...12).contains(month), (1...Self.days(in: month, of: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The UTC day that a count of seconds since 1970-01-01T00:00:00Z falls in (for
    /// `SOURCE_DATE_EPOCH`); nil outside the years 0–9999.
    public init?(secondsSinceEpoch seconds: Int64) {
        // Days since the epoch, floored, then shifted to count from 0000-03-01 so that the leap
        // day ends each 400-year era's years (the proleptic Gregorian calendar).
        let (quotient, remainder) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let days = Int(quotient) - (remainder < 0 ? 1 : 0) + 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)
    }

    static func days(in month: Int, of year: Int) -> Int { SchemaValidator.days(inMonth: month, of: year) }

    /// The day after.
    public var next: CalendarDay {
        if day < Self.days(in: month, of: year) { return CalendarDay(unchecked: year, month, day + 1) }
        if month < 12 { return CalendarDay(unchecked: year, month + 1, 1) }
        return CalendarDay(unchecked: year + 1, 1, 1)
    }

    /// The day before.
    public var previous: CalendarDay {
        if day > 1 { return CalendarDay(unchecked: year, month, day - 1) }
        if month > 1 { return CalendarDay(unchecked: year, month - 1, Self.days(in: month - 1, of: year)) }
        return CalendarDay(unchecked: year - 1, 12, 31)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
