import FrameworkModel
import PolicyCatalog
import ReviewEngine
import ReviewRecords
import YAMLDocument

/// The review of many descriptions written as one report, framework after framework, while the
/// descriptions are decoded, reviewed and rendered side by side on every core. The report is the
/// same, byte for byte, as one thread writes it (`ReportStream`); memory holds a few frameworks
/// at a time, whatever their number (`Concurrently.inOrder`).
///
/// A framework's part is made whole on the thread that reviewed it, up to `partBytes`; a larger
/// one is handed back as its review and written by the calling thread in pieces of about a MiB,
/// so that one very large description is never held whole in report form.
public struct StreamedReview: Sendable {
    public var catalogs: CatalogSet
    public var limits: LoadLimits
    public var reviewLimits: ReviewLimits
    public var toolVersion: String
    /// The report date (`ReportContext.date`).
    public var date: String?
    public var workingDirectory: String?
    /// The reviewers' judgements and sign-offs (`ReportContext.tracking`).
    public var tracking = TrackingSet.empty
    /// The threads, the calling one among them; with one, nothing is started.
    public var threads = Concurrently.cores
    /// The largest part made away from the calling thread. At most twice as many parts as threads
    /// wait to be written, and one is being written, so this bounds the memory they hold.
    public var partBytes = 8 << 20

    public init(
        catalogs: CatalogSet, limits: LoadLimits, reviewLimits: ReviewLimits, toolVersion: String, date: String?,
        workingDirectory: String?
    ) {
        self.catalogs = catalogs
        self.limits = limits
        self.reviewLimits = reviewLimits
        self.toolVersion = toolVersion
        self.date = date
        self.workingDirectory = workingDirectory
    }

    /// Why the stream stopped: the frameworks before the one named were written, the rest not.
    public enum Failure: Error {
        /// A review limit was passed (`--max-findings`, `--max-steps`).
        case limit(ReviewLimitExceeded)
        /// A description that was checked before the stream no longer decodes: a bug in the loader.
        case noLongerLoads(path: String)
    }

    /// What the stream wrote: how many frameworks, and the worst violation among them.
    public struct Summary: Sendable {
        public var frameworks = 0
        public var worstViolation: Severity?
        /// What the tracking files say that matches no open finding as written, framework by framework.
        public var trackingWarnings: [Diagnostic] = []
    }

    /// Reviews `sources` (descriptions already checked as valid; `last`, when given, is the last
    /// one decoded) and lends the report that `stream` writes to `write`, in order. The opening
    /// is written after the first review: a stream stopped on the first description writes nothing.
    public func run(
        _ sources: [SourceFile], last: FrameworkDescription? = nil, into stream: ReportStream,
        write: (Span<UInt8>) -> Void
    ) throws(Failure) -> Summary {
        var stream = stream
        let infos = catalogs.catalogs.map(Engine.info)
        let opening = stream.opening(toolVersion: toolVersion, catalogs: infos, date: date)
        // The workers' copy stands where the first framework goes; each part says where it is.
        let start = stream
        let parallel = min(threads, sources.count) > 1
        var summary = Summary()
        try Concurrently.inOrder(sources.count, threads: threads) { [self] index -> Result<Made, Failure> in
            let source = sources[index]
            guard
                let description = (index == sources.count - 1 ? last : nil)
                    ?? DescriptionLoader.load(source, limits: limits).description
            else { return .failure(.noLongerLoads(path: source.path)) }
            let review: FrameworkReview
            do throws(ReviewLimitExceeded) {
                review = try Engine.review(description, catalogs: catalogs, limits: reviewLimits)
            } catch {
                return .failure(.limit(error))
            }
            // The framework is joined with its tracking file here, once, for its part of the
            // report and its warnings alike.
            let context = ReportContext(
                result: ReviewResult(toolVersion: toolVersion, catalogs: infos, frameworks: [review]), date: date,
                sources: [source], workingDirectory: workingDirectory, tracking: tracking)
            let warnings = context.trackingWarnings
            // On one thread nothing is gained by making the part first; a file larger than the
            // bound surely gives a larger report.
            if parallel && source.bytes.count <= partBytes,
                let part = start.part(context, index: index, maxBytes: partBytes)
            {
                return .success(Made(output: .part(part), worstViolation: review.worstViolation, warnings: warnings))
            }
            return .success(Made(output: .review(context), worstViolation: review.worstViolation, warnings: warnings))
        } consume: { (index: Int, result: Result<Made, Failure>) throws(Failure) in
            let made = try result.get()
            if index == 0 { write(opening.span) }
            switch made.output {
            case .part(let part): stream.append(part, emit: write)
            case .review(let context): stream.frameworks(context, emit: write)
            }
            summary.frameworks += 1
            summary.trackingWarnings += made.warnings
            if let worst = made.worstViolation {
                summary.worstViolation = max(summary.worstViolation ?? worst, worst)
            }
        }
        // No description, no review: still a whole report.
        if summary.frameworks == 0 { write(opening.span) }
        write(stream.closing().span)
        return summary
    }

    /// One reviewed description as the thread that reviewed it leaves it: its part of the report,
    /// or, for one too large to hold whole, its review for the writing thread to write in pieces.
    private struct Made: Sendable {
        enum Output: Sendable {
            case part(ReportStream.Part)
            case review(ReportContext)
        }

        var output: Output
        var worstViolation: Severity?
        var warnings: [Diagnostic]
    }
}
