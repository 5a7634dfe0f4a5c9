import ReviewEngine
import ReviewRecords
import Synchronization
import YAMLDocument

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

/// A file's text with its line starts found once, for quoting; a line becomes a `String` only
/// when it is quoted (a large description has tens of thousands of lines, few of them quoted).
public struct SourceText: Sendable {
    private let bytes: [UInt8]
    /// The byte offset where each line starts.
    private let starts: [Int]

    public init(_ file: SourceFile) {
        bytes = file.bytes
        var starts = [0]
        // Lines as every location counts them (LF, CRLF, and CR alone: a file with CR line ends
        // was quoted as one line, so no quote matched its evidence). Line feeds are found with
        // memchr when the file has no CR: a report is made for every description reviewed, and a
        // byte-by-byte scan of each was a percent of a review.
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            if memchr(base, 0x0D, buffer.count) == nil {
                var from = 0
                while from < buffer.count, let found = memchr(base + from, 0x0A, buffer.count - from) {
                    let next = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                    if next < buffer.count { starts.append(next) }
                    from = next
                }
                return
            }
            var i = 0
            while i < buffer.count {
                switch buffer[i] {
                case 0x0D: i += i + 1 < buffer.count && buffer[i + 1] == 0x0A ? 2 : 1
                case 0x0A: i += 1
                default:
                    i += 1
                    continue
                }
                if i < buffer.count { starts.append(i) }
            }
        }
        self.starts = bytes.isEmpty ? [] : starts
    }

    /// Line `n` (1-based) without its line break; nil past the end.
    public func line(_ n: Int) -> String? {
        withLine(n) { line, _ in String(decoding: line, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of line `n` (1-based) without its line break, and the offset in
    /// the file where the line starts; nil past the end.
    func withLine<T>(_ n: Int, _ body: (UnsafeBufferPointer<UInt8>, Int) -> T) -> T? {
        guard n >= 1 && n <= starts.count else { return nil }
        let start = starts[n - 1]
        // Without its line break: LF, CRLF or CR.
        var end = n < starts.count ? starts[n] : bytes.count
        if end > start && bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end]), start) }
    }
}

/// Quoted source lines, each split around the part the range covers.
public struct Quote: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var number: Int
        /// The line, without its line break; a long one cut around the covered part (see
        /// `Quote.context`), with "…" where text is left out.
        public var text: String
        /// Where the covered part starts and ends, as UTF-8 offsets into `text`: the three parts
        /// are cut only when a renderer asks for them (JSON needs only one).
        var cut: (from: Int, to: Int)

        /// The UTF-8 offsets in `text` of the covered part.
        public var markedUTF8: Range<Int> { cut.from..<cut.to }
        public var before: String { part(0, cut.from) }
        public var marked: String { part(cut.from, cut.to) }
        public var after: String { part(cut.to, text.utf8.count) }

        private func part(_ from: Int, _ to: Int) -> String {
            text.withUTF8InPlace { String(decoding: UnsafeBufferPointer(rebasing: $0[from..<to]), as: UTF8.self) }
        }

        public static func == (a: Line, b: Line) -> Bool {
            a.number == b.number && a.text == b.text && a.cut == b.cut
        }
    }

    public var lines: [Line]
    /// Lines of the range left out after `limit`.
    public var omitted: Int

    /// The longest line quoted whole, in UTF-8 bytes. The shipped descriptions' longest lines (a
    /// fact with its sources and notes in flow style) are under 800 bytes.
    public static let wholeLine = 1_024

    /// How much of a longer line a quote keeps, in UTF-8 bytes: this much before the covered part
    /// and after it, and twice this much of the covered part itself. A description written on one
    /// line (JSON is YAML) would otherwise be quoted whole by every finding: 8 MB made a 529 MB
    /// report, and 30 000 channels on one line did not end in 100 s.
    public static let context = 120

    init(_ range: SourceRange, in source: SourceText, limit: Int) {
        var last = range.end.line
        // A range that ends at the start of a line (after a block's final line break) does not
        // cover that line.
        if last > range.start.line && range.end.column == 1 { last -= 1 }
        last = max(last, range.start.line)
        let shown = min(last, range.start.line + limit - 1)
        lines = []
        for number in range.start.line...shown {
            // Columns count Unicode scalars; the cut is made on the UTF-8 bytes, where a scalar
            // starts at every byte that is not a continuation byte (10xxxxxx).
            let from = number == range.start.line ? range.start.column - 1 : 0
            let to = number == range.end.line ? range.end.column - 1 : Int.max
            // On a long line the covered part is found from the range's byte offsets, checked
            // against its columns: counting scalars there, for every finding, grew with the line.
            let quoted = source.withLine(number) { utf8, lineStart -> Line in
                guard utf8.count > Self.wholeLine else { return Self.line(number, utf8, from: from, to: to) }
                let cutA = number == range.start.line ? Self.offset(of: range.start, lineStart, utf8) : 0
                let cutB = number == range.end.line ? Self.offset(of: range.end, lineStart, utf8) : utf8.count
                guard let cutA, let cutB else { return Self.line(number, utf8, from: from, to: to) }
                return Self.window(number, utf8, cut: (cutA, max(cutA, cutB)))
            }
            guard let quoted else { break }
            lines.append(quoted)
        }
        omitted = last - shown
    }

    /// Where `location` is in the line that starts at offset `lineStart` of the file, as a UTF-8
    /// offset into the line; nil when its byte offset does not agree with its column (a scalar
    /// is one to four bytes) or falls inside a scalar: a range not made by the loader.
    private static func offset(of location: SourceLocation, _ lineStart: Int, _ utf8: UnsafeBufferPointer<UInt8>)
        -> Int?
    {
        let inLine = location.offset - lineStart
        let scalars = location.column - 1
        guard inLine >= scalars, inLine <= 4 * scalars, inLine <= utf8.count else { return nil }
        return inLine < utf8.count && utf8[inLine] & 0xC0 == 0x80 ? nil : inLine
    }

    /// Line `number`, whose scalars `from..<to` the range covers, kept whole or cut to a window.
    private static func line(_ number: Int, _ utf8: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Line {
        var cutA = utf8.count
        var cutB = utf8.count
        if isASCII(utf8) {
            // A scalar a byte, as on most lines of a description: no need to count them.
            cutA = min(from, utf8.count)
            cutB = min(to, utf8.count)
        } else {
            var scalar = 0
            for (offset, byte) in utf8.enumerated() where byte & 0xC0 != 0x80 {
                if scalar == from { cutA = min(cutA, offset) }
                if scalar == to {
                    cutB = offset
                    break
                }
                scalar += 1
            }
        }
        cutB = max(cutB, cutA)
        guard utf8.count > wholeLine else {
            return Line(number: number, text: String(decoding: utf8, as: UTF8.self), cut: (cutA, cutB))
        }
        return window(number, utf8, cut: (cutA, cutB))
    }

    /// Whether every byte is below 0x80, eight at a time.
    private static func isASCII(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = utf8.baseAddress else { return true }
        var i = 0
        var high: UInt64 = 0
        while i + 8 <= utf8.count {
            high |= UnsafeRawPointer(start + i).loadUnaligned(as: UInt64.self)
            i += 8
        }
        while i < utf8.count {
            high |= UInt64(start[i])
            i += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// A long line cut to a window around the covered part, the UTF-8 offsets `cut`.
    private static func window(_ number: Int, _ utf8: UnsafeBufferPointer<UInt8>, cut: (Int, Int)) -> Line {
        let (cutA, cutB) = cut
        // The window: `context` bytes either side of the covered part, and at most twice that of
        // the part; each end moved back to the start of a scalar.
        func scalarStart(_ offset: Int) -> Int {
            var offset = min(max(offset, 0), utf8.count)
            while offset > 0 && offset < utf8.count && utf8[offset] & 0xC0 == 0x80 { offset -= 1 }
            return offset
        }
        let start = scalarStart(cutA - context)
        let markedEnd = scalarStart(min(cutB, cutA + 2 * context))
        let end = markedEnd < cutB ? markedEnd : scalarStart(cutB + context)
        let ellipsis = "…"
        var text = start > 0 ? ellipsis : ""
        let lead = text.utf8.count - start
        text += String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self)
        if end < utf8.count { text += ellipsis }
        return Line(number: number, text: text, cut: (cutA + lead, markedEnd + lead))
    }
}
