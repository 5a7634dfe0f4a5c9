import ReviewEngine
import ReviewRecords

/// One framework as every format shows it: its review, the reviewers' layer joined to it (its
/// tracking file and the verdict they give) and its tallies. Worked out once per framework, when
/// the context is made (`ReportContext.frameworks`), and read by every renderer, so that the
/// formats, and the places within one (the overview tables of HTML, Markdown and the MB summary,
/// then each framework's own section), cannot disagree.
public struct FrameworkOverview: Sendable {
    public let tracked: TrackedReview
    public let counts: Counts

    init(_ tracked: TrackedReview) {
        self.tracked = tracked
        counts = Counts(tracked.review)
    }

    public var review: FrameworkReview { tracked.review }
    public var tracking: FrameworkTracking { tracked.tracking }
    public var verdict: FindingsVerdict { tracked.verdict }
}
