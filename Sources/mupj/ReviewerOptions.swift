import ArgumentParser
import DocumentSchema
import Glibc
import PolicyCatalog
import ReviewRecords

/// Who records an entry in a tracking file, and when: for `judge` and `sign-off`.
struct ReviewerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The reviewer's name.", valueName: "name"))
    var by: String

    @Option(
        help: ArgumentHelp(
            "Whom the reviewer represents: \(StatusFormat.Words.reviewerOrganisations.joined(separator: ", ")).",
            valueName: "organisation"))
    var organisation: String

    @Option(
        help: ArgumentHelp(
            "The date to record, YYYY-MM-DD. Default: $SOURCE_DATE_EPOCH, else today (UTC).", valueName: "date"))
    var date: String?

    func validate() throws {
        if by.allSatisfy(\.isWhitespace) { throw ValidationError("--by is empty; give the reviewer's name") }
        if !StatusFormat.Words.reviewerOrganisations.contains(organisation) {
            throw ValidationError(
                "--organisation takes one of \(StatusFormat.Words.reviewerOrganisations.joined(separator: ", ")), "
                    + "got '\(organisation)'"
                    + Suggestion.phrase(for: organisation, in: StatusFormat.Words.reviewerOrganisations))
        }
        if let date, CalendarDay(date) == nil { throw ValidationError("--date takes a date YYYY-MM-DD, got '\(date)'") }
        // Here, so that a bad SOURCE_DATE_EPOCH is told with the command's own usage.
        if date == nil { _ = try day() }
    }

    var reviewer: Reviewer { Reviewer(name: by, organisation: organisation) }

    /// The day to record: `--date`, else `SOURCE_DATE_EPOCH`, else today.
    func day() throws -> CalendarDay {
        if let date, let day = CalendarDay(date) { return day }
        if let day = try ReportDate.epochDay() { return day }
        guard let day = CalendarDay(secondsSinceEpoch: Int64(time(nil))) else {
            throw ValidationError("the clock gives no date; give --date")
        }
        return day
    }
}
