import YAMLDocument

/// The reviewers' tracking files as the commands read them, those of a directory or those named:
/// each read and validated, at most one per framework, with the files as read (for a command that
/// adds to one of them). Nothing is printed: what the files say is returned, for the caller to
/// show.
public enum TrackingFiles {
    /// What was read, and the warnings about it.
    public struct Read: Sendable {
        public var set: TrackingSet
        public var sources: [SourceFile]
        /// Those of the files, in their order; none is an error.
        public var warnings: [Diagnostic]

        public static let empty = Read(set: .empty, sources: [], warnings: [])
    }

    /// Why nothing was read.
    public enum Failure: Error, Sendable {
        /// The directory is not one or cannot be listed, or a file cannot be read (the commands
        /// exit 2): the problems alone, since the files read are not checked.
        case unreadable([Diagnostic])
        /// A file is invalid, or too large (the content's fault, as for a description), or two
        /// track one framework (the commands exit 1): every diagnostic of the files, in their order.
        case invalid([Diagnostic])
    }

    /// The tracking files of `directory`, which may be missing or empty: a project with no review
    /// under way has none. Something else under its name is not passed over: the verdicts would be
    /// the findings' alone, with nothing to say why.
    public static func inDirectory(_ directory: String, limits: LoadLimits) throws(Failure) -> Read {
        switch FileKind.of(directory) {
        case .success(.directory): break
        case .success(let other):
            throw .unreadable([
                Diagnostic(
                    file: directory, location: nil,
                    message: "is \(other.article), not a directory of tracking files; name the tracking file "
                        + "or directory with --tracking")
            ])
        case .failure: return .empty
        }
        guard let (files, problems) = FileKind.entries(of: directory, endingWith: [".yaml", ".yml"]) else {
            throw .unreadable([Diagnostic(file: directory, location: nil, message: "cannot read the directory")])
        }
        return try read(files, problems: problems, limits: limits)
    }

    /// The tracking files at `paths`; `problems` are those found in listing them, which end the
    /// reading as a file that cannot be read does.
    public static func read(_ paths: [String], problems: [Diagnostic] = [], limits: LoadLimits) throws(Failure)
        -> Read
    {
        var problems = problems
        var sources: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            do {
                sources.append(try SourceFile.read(path, maxBytes: limits.maxBytes))
            } catch {
                switch error {
                case .unreadable(let diagnostic): problems.append(diagnostic)
                // Content, not the file system: an invalid file, as for a description.
                case .tooLarge(let diagnostic): diagnostics.append(diagnostic)
                }
            }
        }
        if !problems.isEmpty { throw .unreadable(problems) }
        var loaded: [TrackingFile] = []
        for source in sources {
            let read = TrackingFileLoader.load(source, limits: limits)
            diagnostics += read.diagnostics
            if let file = read.file { loaded.append(file) }
        }
        let (set, repeats) = TrackingSet.make(loaded)
        diagnostics += repeats
        if diagnostics.contains(where: { $0.severity == .error }) { throw .invalid(diagnostics) }
        return Read(set: set, sources: sources, warnings: diagnostics)
    }
}
