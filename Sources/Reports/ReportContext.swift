import ReviewEngine

/// What every renderer is given: the one complete result, plus the few facts about the run that
/// are not part of the review itself.
public struct ReportContext: Sendable {
    public var result: ReviewResult
    /// The report date, only when the user asked for one (`--date` or `SOURCE_DATE_EPOCH`):
    /// without it, the same inputs give byte-identical reports.
    public var date: String?

    public init(result: ReviewResult, date: String? = nil) {
        self.result = result
        self.date = date
    }
}
