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

/// Writes rendered reports into a directory, or checks that the files there are up to date.
public enum ReportDirectory {
    /// The files whose content differs from `rendered` (missing ones included), or, when
    /// `check` is false, writes them all atomically.
    public static func sync(_ rendered: [(name: String, text: String)], into directory: String, check: Bool)
        throws(OutputFile.Failure) -> [String]
    {
        var stale: [String] = []
        for (name, text) in rendered {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            if check {
                if OutputFile.existing(path) != text { stale.append(path) }
            } else {
                try OutputFile.write(text, to: path, replace: true)
            }
        }
        return stale
    }
}
