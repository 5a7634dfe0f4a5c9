import ReviewEngine
import YAMLDocument

/// One framework's review with the reviewers' layer joined to it: its tracking file's judgements
/// and sign-offs (`FrameworkTracking`) and the verdict they give. Made once per framework and
/// read by everything that shows or counts the reviewers' work (every report format, the
/// warnings a command prints, the verdict records the prerequisites count), so that none of them
/// can disagree: each worked the join out again, ten times per framework for a review written in
/// every format.
public struct TrackedReview: Sendable {
    public let review: FrameworkReview
    public let tracking: FrameworkTracking
    public let verdict: FindingsVerdict

    /// The review joined with `file`, the tracking file about its framework, if any.
    public init(_ review: FrameworkReview, file: TrackingFile?) {
        self.review = review
        tracking = FrameworkTracking(review, file: file)
        verdict = FindingsVerdict(review, tracking: tracking)
    }

    /// The review joined with the file of `tracking` about its framework.
    public init(_ review: FrameworkReview, tracking: TrackingSet) {
        self.init(review, file: tracking.file(for: review))
    }

    /// Every framework of `result`, in order.
    public static func all(_ result: ReviewResult, tracking: TrackingSet) -> [TrackedReview] {
        result.frameworks.map { TrackedReview($0, tracking: tracking) }
    }

    /// What the tracking files say that matches no open finding as written (judgements of
    /// findings that are gone, satisfied, or have changed status since), framework by framework:
    /// what every command that reviews with tracking files prints, whether it holds the whole
    /// result or one framework at a time.
    public static func warnings(_ frameworks: some Sequence<TrackedReview>) -> [Diagnostic] {
        frameworks.flatMap(\.tracking.diagnostics)
    }
}
