import YAMLDocument

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

/// Writes rendered reports into a directory, or checks that the files there are up to date.
public enum ReportDirectory {
    /// The files whose content differs from what they render to (missing ones included), or,
    /// when `check` is false, writes them all atomically. A file that is there but cannot be read
    /// is an error, not a stale report.
    ///
    /// A file already there is replaced only if `mupj` wrote it and it has not changed since, as
    /// the directory's `ReportManifest` records, or with `force`; otherwise nothing is written. The
    /// manifest is written last, with the digest of every file written; in a check it is one more
    /// file that must be up to date, named when the reports are.
    ///
    /// The files are made side by side, one per core: rendering them took 80 % of the main job's
    /// time (1.4 of 1.7 s for 1 000 descriptions), one format after the other. Every file is
    /// attempted; the error thrown is that of the first file, in the order given, that failed.
    public static func sync(_ files: [RenderedFile], into directory: String, check: Bool, force: Bool = false)
        throws(OutputFile.Failure) -> [String]
    {
        // With `force`, a manifest that cannot be read is replaced too, by one of the files written now.
        var manifest =
            force && !check
            ? (try? ReportManifest.read(in: directory)) ?? ReportManifest() : try ReportManifest.read(in: directory)
        let paths = files.map { path($0.name, in: directory) }
        if !check && !force {
            let listed = manifest.digests
            let refusals = Concurrently.map(files.count) { index -> OutputFile.Failure? in
                guard case .success(.regular) = FileKind.of(paths[index]) else { return nil }
                do throws(OutputFile.Failure) {
                    let digest = try ReportManifest.digest(of: paths[index])
                    return listed[files[index].name] == digest ? nil : .notAsWritten(paths[index])
                } catch {
                    return error
                }
            }
            if let first = refusals.lazy.compactMap({ $0 }).first { throw first }
        }
        // Each file's digest, and whether it is stale (a file written is not).
        let outcomes = Concurrently.map(files.count) { index -> Result<(String, Bool), OutputFile.Failure> in
            let (path, render) = (paths[index], files[index].render)
            var hasher = SHA256.Hasher()
            let hashed = { (emit: (Span<UInt8>) -> Void) in
                render { piece in
                    hasher.update(piece)
                    emit(piece)
                }
            }
            guard check else {
                return Result { () throws(OutputFile.Failure) in
                    try OutputFile.write(to: path, replace: true, hashed)
                    return (hasher.hex, false)
                }
            }
            switch OutputFile.compare(path, hashed) {
            case .same: return .success((hasher.hex, false))
            case .differs: return .success((hasher.hex, true))
            case .unreadable(let reason): return .failure(.cannotRead(path, reason))
            }
        }
        var stale: [String] = []
        for (index, outcome) in outcomes.enumerated() {
            let (digest, differs) = try outcome.get()
            manifest.digests[files[index].name] = digest
            if differs { stale.append(paths[index]) }
        }
        let manifestPath = path(ReportManifest.fileName, in: directory)
        let text = manifest.text
        if check {
            // Named only when the reports themselves are current: writing them again mends it too.
            if stale.isEmpty, OutputFile.compare(manifestPath, { ReportFormat.emit(text, emit: $0) }) != .same {
                stale.append(manifestPath)
            }
        } else {
            try OutputFile.write(text, to: manifestPath, replace: true)
        }
        return stale
    }

    /// The path of the file `name` in `directory`.
    static func path(_ name: String, in directory: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
