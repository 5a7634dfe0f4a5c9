import ReviewEngine
import ReviewRecords

/// What the reports written for reading (HTML, Markdown, the MB summary) show of a framework in
/// more than one place: its tallies and verdict in the overview tables, then again in its own
/// section. Worked out once per framework and report, so that the places cannot disagree and the
/// tracking file is joined once.
struct FrameworkOverview {
    let review: FrameworkReview
    let counts: Counts
    let tracking: FrameworkTracking
    let verdict: FindingsVerdict

    init(_ review: FrameworkReview, context: ReportContext) {
        self.review = review
        counts = Counts(review)
        (tracking, verdict) = context.tracked(review)
    }

    /// Every framework of the context's result, in order.
    static func all(_ context: ReportContext) -> [FrameworkOverview] {
        context.result.frameworks.map { FrameworkOverview($0, context: context) }
    }
}
