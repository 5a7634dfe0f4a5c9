import ReviewEngine
import ReviewRecords
import Synchronization
import YAMLDocument

/// What every renderer is given: the one complete result, plus the few facts about the run that
/// are not part of the review itself. Renderers are pure functions of this value.
public struct ReportContext: Sendable {
    /// Fixed when the context is made, as `tracking` is: `frameworks` is joined from the two then.
    public let result: ReviewResult
    /// The report date, only when the user asked for one (`--date` or `SOURCE_DATE_EPOCH`):
    /// without it, the same inputs give byte-identical reports.
    public var date: String?
    /// The text of the files the review read, by path as the result names them, so that
    /// evidence can be quoted. A file missing here is cited by line number only.
    public var sources: [String: SourceText]
    /// The directory the report is written to (as the user gave it, `.` for standard output):
    /// links to descriptions are relative to it.
    public let reportDirectory: String
    /// The absolute working directory, needed only to relate an absolute path to a relative one.
    public let workingDirectory: String?
    /// The reviewers' tracking files: their judgements on findings and their sign-offs.
    public let tracking: TrackingSet
    /// Every framework of `result`, in order, joined with its tracking file, with the verdict they
    /// give and its tallies: the one complete result every format renders, the reviewers' layer
    /// in it. Joined here, once per framework, rather than by each renderer: a review written in
    /// every format joined each framework ten times, with nothing to keep the joins equal.
    public let frameworks: [FrameworkOverview]
    /// The links made so far, one per file: Markdown and HTML link every piece of evidence to its
    /// file, and working the path out each time was a sixth of the time of a Markdown report. Made
    /// when first asked for: JSON, SARIF and text make none, and making them all up front cost
    /// those formats 2 %.
    private let links = LinkCache()

    public init(
        result: ReviewResult, date: String? = nil, sources: [SourceFile] = [], reportDirectory: String = ".",
        workingDirectory: String? = nil, tracking: TrackingSet = .empty
    ) {
        self.result = result
        self.tracking = tracking
        frameworks = result.frameworks.map { FrameworkOverview(TrackedReview($0, tracking: tracking)) }
        self.date = date
        self.sources = Dictionary(sources.map { ($0.path, SourceText($0)) }, uniquingKeysWith: { first, _ in first })
        self.reportDirectory = reportDirectory
        self.workingDirectory = workingDirectory
    }

    /// The reviewers' layer of every framework, in order: what the verdict records read, the
    /// same the reports show.
    public var tracked: [TrackedReview] { frameworks.map(\.tracked) }

    /// What the tracking files say that matches no open finding as written (`TrackedReview.warnings`).
    public var trackingWarnings: [Diagnostic] { TrackedReview.warnings(frameworks.lazy.map(\.tracked)) }

    /// The link from the report to a line of a file, with a `#L<line>` anchor as code-hosting
    /// sites number lines.
    func link(_ file: String, line: Int? = nil) -> String {
        let link = links.link(file) {
            Paths.uriPath(Paths.relative(from: reportDirectory, to: file, workingDirectory: workingDirectory))
        }
        return line.map { link + "#L\($0)" } ?? link
    }

    /// A file named in Markdown as `text` (by default its path), linked to it (`link`). A file
    /// built into `mupj` is named without a link: none would reach it.
    func markdownLink(_ file: String, text: String? = nil, line: Int? = nil) -> String {
        let shown = Escape.markdown(text ?? file)
        return SourceFile.isBuiltIn(file) ? shown : "[\(shown)](\(link(file, line: line)))"
    }

    /// The same in HTML.
    func htmlLink(_ file: String, text: String? = nil, line: Int? = nil) -> String {
        let shown = Escape.html(text ?? file)
        return SourceFile.isBuiltIn(file) ? shown : "<a href=\"\(Escape.html(link(file, line: line)))\">\(shown)</a>"
    }

    /// The lines of the description that an evidence range covers, at most `limit` of them.
    public func quote(_ evidence: Evidence, limit: Int = 5) -> Quote? {
        quote(evidence.file, evidence.range, limit: limit)
    }

    /// The lines of `file` that `range` covers, at most `limit` of them; nil without the file's text.
    public func quote(_ file: String, _ range: SourceRange, limit: Int = 5) -> Quote? {
        // A context mostly holds one file (the streamed review makes one per description): a
        // comparison finds it without hashing the path again for every piece of evidence.
        if sources.count == 1, let only = sources.first, only.key == file {
            return Quote(range, in: only.value, limit: limit)
        }
        return sources[file].map { Quote(range, in: $0, limit: limit) }
    }
}

/// Links by file, made once and shared by the copies of a context. A context is `Sendable`, so
/// copies may be read on several threads at once: the table is behind a lock.
private final class LinkCache: Sendable {
    private let made = Mutex<[String: String]>([:])

    func link(_ file: String, orMake make: () -> String) -> String {
        if let found = made.withLock({ $0[file] }) { return found }
        let link = make()
        made.withLock { $0[file] = link }
        return link
    }
}
