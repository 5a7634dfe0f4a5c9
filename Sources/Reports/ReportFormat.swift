/// The formats `mupj review` can write, each a pure function of the same `ReportContext`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, markdown, html, sarif

    /// File name inside `--output-dir`.
    public var fileName: String {
        switch self {
        case .text: return "review.txt"
        case .json: return "review.json"
        case .markdown: return "review.md"
        case .html: return "review.html"
        case .sarif: return "review.sarif"
        }
    }

    /// The report lent to `emit` in pieces: JSON and text as `ReportStream` writes them (a
    /// framework at a time, a very large one in pieces of about a MiB), Markdown and HTML between
    /// frameworks once a MiB is written, SARIF between results. What
    /// `--output-dir` writes, so that no file's text is held whole when it need not be.
    public func render(_ context: ReportContext, emit: (Span<UInt8>) -> Void) {
        switch self {
        case .json, .text: ReportStream.render(self, context, colour: false, emit: emit)
        case .markdown: MarkdownReport.render(context) { Self.emit($0, emit: emit) }
        case .html: HTMLReport.render(context) { Self.emit($0, emit: emit) }
        case .sarif: SARIFReport.render(context, emit: emit)
        }
    }

    /// `text` lent to `emit` in pieces of about a MiB, from the string's own bytes: a copy of a
    /// whole report (53 MB of HTML for 1 000 descriptions) beside the string would double it.
    static func emit(_ text: String, emit: (Span<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            repeat {
                let end = min(start + JSONReport.piece, bytes.count)
                emit(UnsafeBufferPointer(rebasing: bytes[start..<end]).span)
                start = end
            } while start < bytes.count
        }
    }

    public func render(_ context: ReportContext, colour: Bool = false) -> String {
        switch self {
        case .text: return TextReport.render(context, colour: colour)
        case .json: return JSONReport.render(context)
        case .markdown: return MarkdownReport.render(context)
        case .html: return HTMLReport.render(context)
        case .sarif: return SARIFReport.render(context)
        }
    }
}

/// A file of an `--output-dir`, rendered only when it is written or checked, and handed over in
/// pieces: a review of one very large description has a JSON report of hundreds of megabytes,
/// which was held whole, with every other format, and copied once more to be written. A file is
/// rendered from the finished result alone, so the files of a directory are made side by side.
public struct RenderedFile: Sendable {
    public var name: String
    public var render: @Sendable (_ emit: (Span<UInt8>) -> Void) -> Void

    public init(_ name: String, render: @escaping @Sendable (_ emit: (Span<UInt8>) -> Void) -> Void) {
        self.name = name
        self.render = render
    }

    public init(_ name: String, text: @escaping @Sendable () -> String) {
        self.init(name) { emit in ReportFormat.emit(text(), emit: emit) }
    }
}
