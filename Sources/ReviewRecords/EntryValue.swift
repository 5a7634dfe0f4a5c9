import DocumentSchema

/// How the builders of the status and tracking files read a validated value into a typed entry.
/// The validator has checked the form, so a value is missing or of another form only in a
/// fragment (a catalog example), where it reads as nil or as the earliest day, so that the entry
/// still counts.
enum EntryValue {
    static func word<W: RawRepresentable>(_ value: Value?) -> W? where W.RawValue == String {
        value?.string.flatMap(W.init(rawValue:))
    }

    /// An optional `true`/`false` field, false where it is not written (`inferred`).
    static func flag(_ value: Value?) -> Bool { value?.boolean ?? false }

    static func day(_ value: Value?) -> CalendarDay {
        value?.string.flatMap(CalendarDay.init) ?? CalendarDay(year: 1, month: 1, day: 1)!
    }

    static func reviewer(_ value: Value?) -> Reviewer {
        let o = value?.object
        return Reviewer(name: o?["name"]?.string ?? "", organisation: o?["organisation"]?.string ?? "")
    }
}
