import ArgumentParser
import FoundationEssentials
import ReviewRecords

/// The report date: `--date`, else `SOURCE_DATE_EPOCH` (reproducible builds convention), else
/// none, so that reports are byte-identical by default.
enum ReportDate {
    static func resolve(_ explicit: String?) throws -> String? {
        if let explicit {
            guard let day = CalendarDay(explicit) else {
                throw ValidationError("--date takes a date YYYY-MM-DD, got '\(explicit)'")
            }
            return day.description
        }
        return try epochDay()?.description
    }

    /// The day `SOURCE_DATE_EPOCH` names, nil when it is not set.
    static func epochDay() throws -> CalendarDay? {
        guard let seconds = try epoch() else { return nil }
        guard let day = CalendarDay(secondsSinceEpoch: seconds) else {
            throw ValidationError("SOURCE_DATE_EPOCH is out of the range of dates mupj writes, got '\(seconds)'")
        }
        return day
    }

    /// `SOURCE_DATE_EPOCH` in seconds, nil when not set.
    static func epoch() throws -> Int64? {
        guard let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] else { return nil }
        guard let seconds = Int64(epoch) else {
            throw ValidationError(
                "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, got '\(epoch)'")
        }
        return seconds
    }
}
