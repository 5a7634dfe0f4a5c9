import ArgumentParser
import FrameworkModel
import Glibc
import Reports
import ReviewEngine
import ReviewRecords
import YAMLDocument

extension Judgement.Kind: ExpressibleByArgument {}

/// What `judge` and `sign-off` share: the framework reviewed as the reports review it, its
/// tracking file, and an entry added to that file without touching anything else in it.
struct TrackingWrite {
    /// For the commands' help.
    static let turns = """
        Commands adding to files of one directory take turns: one that finds another at work waits \
        for it (up to 10 s, --wait), then adds to the file as the other left it. A tracking file \
        that is a symbolic link is replaced where it leads, and takes turns in that directory.
        """

    var review: FrameworkReview
    var path: String
    /// The file as it is, nil when it is to be made.
    var source: SourceFile?
    var file: TrackingFile?
    /// Those the file is read with, and read back with once the entry is added.
    let limits: LoadLimits
    /// Released when the command ends: that of the directory the file is in (where it leads, for a
    /// file named through a link) or is looked for in, and, for a file found there that is a
    /// link, that of the directory it leads to.
    let locks: [WriterLock]

    init(
        _ options: TrackedFrameworkOptions, catalogs: CatalogOptions, limits: LoadLimits, reviewLimits: ReviewLimits
    ) throws {
        if case .success(.directory) = FileKind.of(options.framework) {
            DiagnosticPrinter.print([
                Diagnostic(
                    file: options.framework, location: nil,
                    message: "is a directory; --framework names the one description the entry is about")
            ])
            throw ExitCode(2)
        }
        self.limits = limits
        let set = try ReviewInputs.catalogs(catalogs, limits: limits, reviewLimits: reviewLimits)
        guard let description = try ReviewInputs.descriptions([options.framework], limits: limits).first else {
            throw ExitCode(2)
        }
        review = try ReviewInputs.within { () throws(ReviewLimitExceeded) in
            try Engine.review(description, catalogs: set, limits: reviewLimits)
        }
        // A file, or the directory the file is found or made in: one that exists, a path ending in
        // "/", or a missing path whose name is not a YAML file's (`--tracking reviews/tracking`, the
        // default spelled out, must not make a file of that name).
        // Only a path with nothing at all there is missing: a link that leads nowhere, or a path
        // through a file, is reported, not made into a directory.
        let named = options.tracking
        var inDirectory = true
        if let path = named {
            switch FileKind.of(path) {
            case .success(.directory): inDirectory = true
            case .success(.regular): inDirectory = path.hasSuffix("/")
            case .success(let other):
                // Refused before the lock is taken and before it is read: reading a FIFO waited for
                // a writer, holding every other judge and sign-off of the directory.
                DiagnosticPrinter.print([
                    Diagnostic(
                        file: path, location: nil,
                        message: "is \(other.article), not a regular file: a tracking file is one; nothing was added")
                ])
                throw ExitCode(2)
            case .failure(let problem):
                guard FileKind.nothingAt(path) else {
                    DiagnosticPrinter.print([problem])
                    throw ExitCode(2)
                }
                let name = path.lowercased()
                inDirectory = path.hasSuffix("/") || !(name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
            }
        }
        let file = inDirectory ? nil : named
        let directory = named.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? TrackingOptions.defaultDirectory
        // Held from the first look at the directory to the write: another judge or sign-off in
        // the same directory waits its turn instead of losing its entry or this one.
        // A tracking file that is a link is replaced where it leads (OutputFile follows it), so the
        // lock is that directory's: locked by the name given, a judge through the link and one by
        // the real path both wrote, and one entry was lost.
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(options.wait)
        var locks = [
            try Self.takeTurn(forFileAt: file.map(Self.resolved) ?? directory + "/", wait: .seconds(options.wait))
        ]
        var found: (path: String, read: (SourceFile, TrackingFile)?) =
            try file.map { ($0, try Self.load($0, limits: limits)) }
            ?? Self.file(for: review, in: directory, limits: limits)
        // A file found in the directory may be a link too: the turn is then also taken where it
        // leads, as a judge naming the link or its target with --tracking takes it there, within
        // what is left of the wait; and the file is read again once it is held, since a command
        // writing by the target's name may have added to it meanwhile.
        let target = Self.resolved(found.path)
        if file == nil, target != found.path, !locks[0].covers(fileAt: target) {
            locks.append(try Self.takeTurn(forFileAt: target, wait: max(.zero, deadline - clock.now)))
            if found.read != nil { found.read = try Self.load(found.path, limits: limits) }
        }
        self.locks = locks
        path = found.path
        guard let (source, file) = found.read else { return }
        guard file.key == FrameworkKey(name: review.name, vo: review.vo) else {
            DiagnosticPrinter.print([
                Diagnostic(
                    file: path, location: file.location,
                    message: "this file tracks \(file.framework) (\(file.vo)), not \(review.name) (\(review.vo)) "
                        + "described in \(review.file); nothing was added")
            ])
            throw ExitCode(2)
        }
        self.source = source
        self.file = file
    }

    /// The lock of the directory a file at `path` is written in, taken in turn with the other
    /// commands adding there; one not had within `wait` seconds ends the run.
    static func takeTurn(forFileAt path: String, wait: Duration) throws -> WriterLock {
        do {
            return try WriterLock(forFileAt: path, timeout: wait) { directory in
                Terminal.standardError.write(
                    "waiting for another mupj command adding to a file in \(Escape.terminal(directory))\n")
            }
        } catch {
            Terminal.standardError.write(Escape.terminal(error.description) + "\n")
            throw ExitCode(2)
        }
    }

    /// `path` with every link in it followed, or as given when it does not exist yet.
    static func resolved(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The tracking file at `path` as read, nil when there is none; an invalid one ends the run.
    static func load(_ path: String, limits: LoadLimits) throws -> (SourceFile, TrackingFile)? {
        guard case .success = FileKind.of(path) else { return nil }
        let source = try ReviewInputs.read(path, limits: limits)
        let loaded = TrackingFileLoader.load(source, limits: limits)
        DiagnosticPrinter.print(loaded.diagnostics)
        guard let file = loaded.file else {
            Terminal.standardError.write("error: invalid tracking file; nothing was added\n")
            throw ExitCode(1)
        }
        return (source, file)
    }

    /// The tracking file of `directory` that tracks the framework, as read, else the path of a new
    /// one named after it there.
    ///
    /// The directory is read as the reports read it, and an unreadable or invalid file in it ends
    /// the run: it may be this framework's, and passing it over would start a second file for the
    /// framework, which every report would then refuse.
    static func file(
        for review: FrameworkReview, in directory: String, limits: LoadLimits
    ) throws -> (path: String, read: (SourceFile, TrackingFile)?) {
        let (set, sources) = try ReviewInputs.tracking(
            named: [], otherwise: directory, limits: limits, outcome: "nothing was added")
        if let file = set.file(for: review), let source = sources.first(where: { $0.path == file.path }) {
            return (file.path, (source, file))
        }
        // The framework's name, else its name and VO: two frameworks of one name in different VOs
        // each get a file. A file of that name that tracks another framework is never written to.
        let names = [Paths.slug(review.name), Paths.slug(review.name + " " + review.vo)]
        let paths = names.map { directory + "/" + $0 + ".yaml" }
        if let free = paths.first(where: { if case .failure = FileKind.of($0) { true } else { false } }) {
            return (free, nil)
        }
        DiagnosticPrinter.print([
            Diagnostic(
                file: directory, location: nil,
                message:
                    "\(paths.joined(separator: " and ")) are taken by other frameworks' tracking files; name a new "
                    + "file for \(review.name) (\(review.vo)) with --tracking; nothing was added")
        ])
        throw ExitCode(2)
    }

    /// The finding with `id`, which must be open.
    func openFinding(_ id: String) throws -> Finding {
        guard let finding = review.findings.first(where: { $0.id == id }) else {
            throw refusal(
                nil,
                "no finding of \(review.name) (\(review.vo)) has the id \(id); the ids are in the reports "
                    + "(mupj review \(review.file))")
        }
        guard finding.status.isOpen else {
            throw refusal(
                nil,
                "finding \(id) (\(finding.ruleID)) is \(finding.status.rawValue); only open findings (violated, "
                    + "needs-information) are judged")
        }
        return finding
    }

    /// Says why nothing was added, located in the description or at `location` in the tracking
    /// file; returns the exit that ends the run.
    func refusal(_ location: SourceLocation?, _ message: String) -> ExitCode {
        DiagnosticPrinter.print([
            Diagnostic(
                file: location == nil ? review.file : path, location: location,
                message: message + "; nothing was added")
        ])
        return ExitCode(2)
    }

    /// Adds `items` to the list `section`, writes the file atomically, and checks that it reads back
    /// valid with the entries `added` finds in it; returns the file as written.
    func add(_ items: [[String]], to section: String, added: (TrackingFile) -> Bool) throws -> TrackingFile {
        let before =
            source
            ?? SourceFile(
                path: path, bytes: Array(TrackingFileEdit.newFile(framework: review.name, vo: review.vo).utf8))
        let bytes: [UInt8]
        do {
            bytes = try TrackingFileEdit.appending(items, to: section, in: before, limits: limits)
        } catch {
            DiagnosticPrinter.print([error])
            throw ExitCode(2)
        }
        // Read back within the limits it was read with, or the defaults where those are higher: one
        // entry more may take a file read just within lowered limits past them.
        let written = TrackingFileLoader.load(SourceFile(path: path, bytes: bytes), limits: limits.atLeast(.default))
        guard let file = written.file, added(file) else {
            DiagnosticPrinter.print(written.diagnostics)
            Terminal.standardError.write(
                "\(path): error: internal error: the entry did not read back; nothing was written\n")
            throw ExitCode(2)
        }
        // Another reviewer's entry, written since the file was read, would be lost by replacing
        // it: the file must still be what was read (or still be missing).
        let changed =
            "\(path): error: the file changed while the entry was being added; nothing was written, "
            + "run the command again\n"
        if let source, (try? SourceFile.read(path, maxBytes: Int.max))?.bytes != source.bytes {
            Terminal.standardError.write(changed)
            throw ExitCode(2)
        }
        let replacement: OutputFile.Replacement
        do {
            // Missing directories on the way are made, and a part of the path that is a file named.
            replacement = try OutputFile.write(
                String(decoding: bytes, as: UTF8.self), to: path, replace: source != nil)
        } catch OutputFile.Failure.exists {
            Terminal.standardError.write(changed)
            throw ExitCode(2)
        } catch {
            Terminal.standardError.write(Escape.terminal("\(error)") + "\n")
            throw ExitCode(2)
        }
        Terminal.wrote(path, replacement, verb: source == nil ? "wrote" : "updated")
        return file
    }

    /// The verdict with the file as written, for the command to print.
    func verdict(with file: TrackingFile) -> String {
        let verdict = TrackedReview(review, file: file).verdict
        // The names come from the description and the tracking file, written by others.
        return Escape.terminal("\(review.name) (\(review.vo)): \(verdict.verdict.phrase), \(verdict.signOff.phrase)")
            + "\n"
    }

}
