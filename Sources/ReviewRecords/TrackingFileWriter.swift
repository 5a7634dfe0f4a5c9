import FrameworkModel
import ReviewEngine
import YAMLDocument

/// A framework's tracking file, held for adding an entry to it without touching anything else in
/// it (as `mupj judge` and `mupj sign-off` do): found in its directory or named, read in turn with
/// the other writers of the directory, checked to be about the framework reviewed, then replaced
/// atomically with the entry added, once the new text reads back valid and the file is still as
/// it was read.
///
/// Nothing is printed: what there is to say while it works goes to the caller's `notify`, and why
/// nothing was added is the error thrown. The turns it took (`WriterLock`) are held by every copy
/// of it, and released with the last.
public struct TrackingFileWriter {
    /// What the writer says while it works, for the caller to show as it comes.
    public enum Notice: Equatable {
        /// Another command holds the turn of `directory`: the writer waits for it.
        case waiting(directory: String)
        /// What reading a tracking file said of it: warnings, since a file with errors is a failure.
        case diagnostics([Diagnostic])
    }

    /// Why nothing was added.
    public enum Failure: Error {
        /// Refused, or unreadable, for the reason the diagnostics give (the commands exit 2).
        case refused([Diagnostic])
        /// The tracking file, or one of the directory's, is invalid: every diagnostic of the files
        /// (the commands exit 1).
        case invalid([Diagnostic])
        /// The tracking file named is too large to read: the content's fault, as for a
        /// description (the commands exit 1).
        case tooLarge(Diagnostic)
        /// The turn was not had (the commands exit 2).
        case noTurn(WriterLock.Failure)
        /// The file with the entry added did not read back valid with it: what reading it said
        /// (the commands exit 2).
        case didNotReadBack(path: String, [Diagnostic])
        /// The file changed since it was read, or was made since it was found missing (the
        /// commands exit 2).
        case changed(path: String)
        /// The file could not be written (the commands exit 2).
        case cannotWrite(OutputFile.Failure)
    }

    /// The framework the entry is about, as reviewed.
    public let review: FrameworkReview
    public let path: String
    /// The file as it is, nil when it is to be made.
    public let source: SourceFile?
    public let file: TrackingFile?
    /// Those the file is read with, and read back with once the entry is added.
    let limits: LoadLimits
    /// Held until the writer is dropped: that of the directory the file is in (where it leads, for
    /// a file named through a link) or is looked for in, and, for a file found there that is a
    /// link, that of the directory it leads to.
    let locks: [WriterLock]

    /// Takes the turn of the tracking file `named` (a file, or a directory of them; nil for
    /// `directory`) and reads it: the file of the directory that tracks the framework reviewed,
    /// else a new one named after it there. Waits at most `wait` for the turns, all told.
    public init(
        for review: FrameworkReview, tracking named: String?, otherwise directory: String, wait: Duration,
        limits: LoadLimits, notify: (Notice) -> Void
    ) throws(Failure) {
        self.review = review
        self.limits = limits
        // A file, or the directory the file is found or made in: one that exists, a path ending in
        // "/", or a missing path whose name is not a YAML file's (`--tracking reviews/tracking`, the
        // default spelled out, must not make a file of that name).
        // Only a path with nothing at all there is missing: a link that leads nowhere, or a path
        // through a file, is reported, not made into a directory.
        var inDirectory = true
        if let path = named {
            switch FileKind.of(path) {
            case .success(.directory): inDirectory = true
            case .success(.regular): inDirectory = path.hasSuffix("/")
            case .success(let other):
                // Refused before the lock is taken and before it is read: reading a FIFO waited for
                // a writer, holding every other judge and sign-off of the directory.
                throw .refused([
                    Diagnostic(
                        file: path, location: nil,
                        message: "is \(other.article), not a regular file: a tracking file is one; nothing was added")
                ])
            case .failure(let problem):
                guard FileKind.nothingAt(path) else { throw .refused([problem]) }
                let name = path.lowercased()
                inDirectory = path.hasSuffix("/") || !(name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
            }
        }
        let file = inDirectory ? nil : named
        let directory = named.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? directory
        // Held from the first look at the directory to the write: another judge or sign-off in
        // the same directory waits its turn instead of losing its entry or this one.
        // A tracking file that is a link is replaced where it leads (OutputFile follows it), so the
        // lock is that directory's: locked by the name given, a judge through the link and one by
        // the real path both wrote, and one entry was lost.
        let clock = ContinuousClock()
        let deadline = clock.now + wait
        var locks = [
            try Self.takeTurn(forFileAt: file.map(Self.resolved) ?? directory + "/", wait: wait, notify: notify)
        ]
        var found: (path: String, read: (SourceFile, TrackingFile)?) =
            if let file {
                (file, try Self.load(file, limits: limits, notify: notify))
            } else {
                try Self.file(for: review, in: directory, limits: limits, notify: notify)
            }
        // A file found in the directory may be a link too: the turn is then also taken where it
        // leads, as a judge naming the link or its target with --tracking takes it there, within
        // what is left of the wait; and the file is read again once it is held, since a command
        // writing by the target's name may have added to it meanwhile.
        let target = Self.resolved(found.path)
        if file == nil, target != found.path, !locks[0].covers(fileAt: target) {
            locks.append(try Self.takeTurn(forFileAt: target, wait: max(.zero, deadline - clock.now), notify: notify))
            // Its warnings were given with the directory's: read again, it is not warned of twice.
            if found.read != nil { found.read = try Self.load(found.path, limits: limits) { _ in } }
        }
        self.locks = locks
        path = found.path
        guard let (source, file) = found.read else {
            self.source = nil
            self.file = nil
            return
        }
        guard file.key == FrameworkKey(name: review.name, vo: review.vo) else {
            throw .refused([
                Diagnostic(
                    file: path, location: file.location,
                    message: "this file tracks \(file.framework) (\(file.vo)), not \(review.name) (\(review.vo)) "
                        + "described in \(review.file); nothing was added")
            ])
        }
        self.source = source
        self.file = file
    }

    /// The lock of the directory a file at `path` is written in, taken in turn with the other
    /// commands adding there, within `wait`.
    static func takeTurn(forFileAt path: String, wait: Duration, notify: (Notice) -> Void) throws(Failure)
        -> WriterLock
    {
        do {
            return try WriterLock(forFileAt: path, timeout: wait) { notify(.waiting(directory: $0)) }
        } catch {
            throw .noTurn(error)
        }
    }

    /// `path` with every link in it followed, or as given when it does not exist yet.
    static func resolved(_ path: String) -> String { FileKind.realPath(path) ?? path }

    /// The tracking file at `path` as read, nil when there is none.
    static func load(_ path: String, limits: LoadLimits, notify: (Notice) -> Void) throws(Failure) -> (
        SourceFile, TrackingFile
    )? {
        guard case .success = FileKind.of(path) else { return nil }
        let source: SourceFile
        do {
            source = try SourceFile.read(path, maxBytes: limits.maxBytes)
        } catch {
            switch error {
            case .unreadable(let diagnostic): throw .refused([diagnostic])
            case .tooLarge(let diagnostic): throw .tooLarge(diagnostic)
            }
        }
        let loaded = TrackingFileLoader.load(source, limits: limits)
        guard let file = loaded.file else { throw .invalid(loaded.diagnostics) }
        if !loaded.diagnostics.isEmpty { notify(.diagnostics(loaded.diagnostics)) }
        return (source, file)
    }

    /// The tracking file of `directory` that tracks the framework, as read, else the path of a new
    /// one named after it there.
    ///
    /// The directory is read as the reports read it, and an unreadable or invalid file in it ends
    /// the run: it may be this framework's, and passing it over would start a second file for the
    /// framework, which every report would then refuse.
    static func file(
        for review: FrameworkReview, in directory: String, limits: LoadLimits, notify: (Notice) -> Void
    ) throws(Failure) -> (path: String, read: (SourceFile, TrackingFile)?) {
        let read: TrackingFiles.Read
        do {
            read = try TrackingFiles.inDirectory(directory, limits: limits)
        } catch {
            switch error {
            case .unreadable(let problems): throw .refused(problems)
            case .invalid(let diagnostics): throw .invalid(diagnostics)
            }
        }
        if !read.warnings.isEmpty { notify(.diagnostics(read.warnings)) }
        if let file = read.set.file(for: review), let source = read.sources.first(where: { $0.path == file.path }) {
            return (file.path, (source, file))
        }
        // The framework's name, else its name and VO: two frameworks of one name in different VOs
        // each get a file. A file of that name that tracks another framework is never written to.
        let names = [Paths.slug(review.name), Paths.slug(review.name + " " + review.vo)]
        let paths = names.map { directory + "/" + $0 + ".yaml" }
        if let free = paths.first(where: { if case .failure = FileKind.of($0) { true } else { false } }) {
            return (free, nil)
        }
        throw .refused([
            Diagnostic(
                file: directory, location: nil,
                message:
                    "\(paths.joined(separator: " and ")) are taken by other frameworks' tracking files; name a new "
                    + "file for \(review.name) (\(review.vo)) with --tracking; nothing was added")
        ])
    }

    /// Adds `items` to the list `section`, writes the file atomically, and checks that it reads back
    /// valid with the entries `added` finds in it; returns the file as written, and what the file
    /// it replaced could not keep.
    public func add(_ items: [[String]], to section: String, added: (TrackingFile) -> Bool) throws(Failure) -> (
        file: TrackingFile, replacement: OutputFile.Replacement
    ) {
        let before =
            source
            ?? SourceFile(
                path: path, bytes: Array(TrackingFileEdit.newFile(framework: review.name, vo: review.vo).utf8))
        let bytes: [UInt8]
        do {
            bytes = try TrackingFileEdit.appending(items, to: section, in: before, limits: limits)
        } catch {
            throw .refused([error])
        }
        // Read back within the limits it was read with, or the defaults where those are higher: one
        // entry more may take a file read just within lowered limits past them.
        let written = TrackingFileLoader.load(SourceFile(path: path, bytes: bytes), limits: limits.atLeast(.default))
        guard let file = written.file, added(file) else { throw .didNotReadBack(path: path, written.diagnostics) }
        // Another reviewer's entry, written since the file was read, would be lost by replacing
        // it: the file must still be what was read (or still be missing).
        if let source, (try? SourceFile.read(path, maxBytes: Int.max))?.bytes != source.bytes {
            throw .changed(path: path)
        }
        do {
            // Missing directories on the way are made, and a part of the path that is a file named.
            let replacement = try OutputFile.write(
                String(decoding: bytes, as: UTF8.self), to: path, replace: source != nil)
            return (file, replacement)
        } catch .exists {
            throw .changed(path: path)
        } catch {
            throw .cannotWrite(error)
        }
    }
}
