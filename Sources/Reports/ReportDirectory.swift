import Glibc
import YAMLDocument

/// Writes rendered reports into a directory, or checks that the files there are up to date.
public enum ReportDirectory {
    /// A file of the directory that is not what the reports render to.
    public struct Drift: Equatable, Sendable {
        public enum Kind: Sendable {
            /// Not there.
            case missing
            /// Not what it renders to, but as `mupj` left it: writing replaces it.
            case stale
            /// Not what it renders to, nor as `mupj` left it (edited, or never written by mupj):
            /// writing it needs `--force`.
            case changed
        }

        public var path: String
        public var kind: Kind

        public init(path: String, kind: Kind) { (self.path, self.kind) = (path, kind) }
    }

    /// Writes `files` into `directory`, each atomically.
    ///
    /// A file already there is replaced only if the directory's `ReportManifest` lists it with the
    /// digest it has now, or it already holds what it is to hold, or with `force`. Every file is
    /// first made whole beside its target, and the files that were there are checked meanwhile;
    /// only when all are made and none is refused are they put in place, then the manifest
    /// written. So a refusal, or a file that cannot be made, leaves the directory as it was, and
    /// a manifest that lags behind its files after an interrupted run costs nothing: a file that
    /// holds what it is to hold is replaced.
    ///
    /// The files are made side by side, one per core: rendering them took 80 % of the main job's
    /// time (1.4 of 1.7 s for 1 000 descriptions), one format after the other. Every file that
    /// could not be made or is refused is named, in the order given (`Failure.several` when there
    /// are more than one). Returns, for each file put in place, what it could not keep of the one
    /// it replaced (`OutputFile.Replacement`): a report with other names (hard links) leaves them
    /// leading to the old text.
    @discardableResult
    public static func write(_ files: [RenderedFile], into directory: String, force: Bool = false)
        throws(OutputFile.Failure) -> [(path: String, replacement: OutputFile.Replacement)]
    {
        // With `force`, a manifest that is not one is replaced too.
        let listed =
            force
            ? (try? ReportManifest.read(in: directory)) ?? ReportManifest() : try ReportManifest.read(in: directory)
        let paths = files.map { FileKind.path($0.name, in: directory) }
        let made = Concurrently.map(files.count) { index -> Result<Made, OutputFile.Failure> in
            Result { () throws(OutputFile.Failure) in
                let (staged, digest) = try stage(files[index], at: paths[index])
                guard !force, case .success(.regular) = FileKind.of(paths[index]) else {
                    return Made(staged: staged, digest: digest, refused: false)
                }
                let present = try ReportManifest.digest(of: paths[index])
                let replaceable = present == digest || present == listed.digests[files[index].name]
                return Made(staged: staged, digest: digest, refused: !replaceable)
            }
        }
        var ready: [Made] = []
        var failures: [OutputFile.Failure] = []
        for (path, outcome) in zip(paths, made) {
            switch outcome {
            case .success(let file) where file.refused:
                failures.append(.notAsWritten(path, manifest: ReportManifest.fileName))
            case .success(let file): ready.append(file)
            case .failure(let failure): failures.append(failure)
            }
        }
        if let only = failures.first, failures.count == 1 { throw only }
        guard failures.isEmpty else { throw .several(failures) }
        // The manifest is made before any report is put in place: one that cannot be (a link, a
        // directory) leaves the directory as it was, where it was found after every report was
        // replaced.
        let manifestPath = FileKind.path(ReportManifest.fileName, in: directory)
        let all = Dictionary(zip(files.map(\.name), ready.map(\.digest)), uniquingKeysWith: { _, last in last })
        let manifest = try OutputFile.stage(to: manifestPath, replace: true, links: .refuse) { emit in
            ReportFormat.emit(listed.updated(with: all, in: directory).text, emit: emit)
        }
        var written: [String: String] = [:]
        var failure: OutputFile.Failure?
        for (file, made) in zip(files, ready) {
            do throws(OutputFile.Failure) {
                try made.staged.commit()
                written[file.name] = made.digest
            } catch {
                failure = failure ?? error
            }
        }
        if let failure {
            // The files put in place are listed even when another could not be: they are mupj's.
            manifest.discard()
            if !written.isEmpty {
                try OutputFile.write(
                    listed.updated(with: written, in: directory).text, to: manifestPath, replace: true, links: .refuse)
            }
            throw failure
        }
        try manifest.commit()
        return zip(paths, ready).map { ($0, $1.staged.replacement) }
    }

    /// The files of `directory` that differ from what `files` render to, read piece by piece, and
    /// the manifest when it is the only one (writing the reports again mends it too). A file that
    /// is there but cannot be read is an error, not drift.
    public static func check(_ files: [RenderedFile], in directory: String) throws(OutputFile.Failure) -> [Drift] {
        // A directory that is missing holds missing reports; a file in its place is an error, as
        // writing there would be, not a list of reports to write.
        switch FileKind.of(directory) {
        case .success(.directory): break
        case .success(let other): throw .cannotRead(directory, "is \(other.article), not a directory")
        case .failure(let problem):
            var entry = stat()
            if lstat(directory, &entry) == 0 { throw .cannotRead(directory, problem.message) }
            if errno != ENOENT { throw .cannotRead(directory, String(cString: strerror(errno))) }
        }
        let listed = try ReportManifest.read(in: directory)
        let paths = files.map { FileKind.path($0.name, in: directory) }
        let outcomes = Concurrently.map(files.count) { index -> Result<(String, Drift?), OutputFile.Failure> in
            Result { () throws(OutputFile.Failure) in
                let path = paths[index]
                var hasher = SHA256.Hasher()
                let comparison = OutputFile.compare(path) { emit in render(files[index], hashingInto: &hasher, emit) }
                switch comparison {
                case .same: return (hasher.hex, nil)
                case .unreadable(let reason): throw .cannotRead(path, reason)
                case .differs:
                    guard case .success(.regular) = FileKind.of(path) else {
                        return (hasher.hex, Drift(path: path, kind: .missing))
                    }
                    let asLeft = try ReportManifest.digest(of: path) == listed.digests[files[index].name]
                    return (hasher.hex, Drift(path: path, kind: asLeft ? .stale : .changed))
                }
            }
        }
        var drift: [Drift] = []
        var digests: [String: String] = [:]
        for (file, outcome) in zip(files, outcomes) {
            let (digest, differs) = try outcome.get()
            digests[file.name] = digest
            if let differs { drift.append(differs) }
        }
        guard drift.isEmpty else { return drift }
        let manifestPath = FileKind.path(ReportManifest.fileName, in: directory)
        let expected = listed.updated(with: digests, in: directory).text
        switch OutputFile.compare(manifestPath, { ReportFormat.emit(expected, emit: $0) }) {
        case .same: return []
        case .differs:
            let missing = if case .failure = FileKind.of(manifestPath) { true } else { false }
            return [Drift(path: manifestPath, kind: missing ? .missing : .stale)]
        case .unreadable(let reason): throw .cannotRead(manifestPath, reason)
        }
    }

    /// A file made beside its target, with its digest, and whether what is there may be replaced.
    private struct Made: Sendable {
        var staged: OutputFile.Staged
        var digest: String
        var refused: Bool
    }

    /// `file` made beside `path`, hashed as it is written.
    private static func stage(_ file: RenderedFile, at path: String) throws(OutputFile.Failure)
        -> (OutputFile.Staged, String)
    {
        var hasher = SHA256.Hasher()
        let staged = try OutputFile.stage(to: path, replace: true, links: .refuse) { emit in
            render(file, hashingInto: &hasher, emit)
        }
        return (staged, hasher.hex)
    }

    /// `file`'s pieces handed to `emit`, each added to `hasher` first: what is written or compared
    /// is what is listed.
    private static func render(
        _ file: RenderedFile, hashingInto hasher: inout SHA256.Hasher, _ emit: (Span<UInt8>) -> Void
    ) {
        file.render { piece in
            hasher.update(piece)
            emit(piece)
        }
    }
}
