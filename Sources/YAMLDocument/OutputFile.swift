import FoundationEssentials
import Glibc
import Synchronization

/// Writing results without ever leaving a half-written file or silently replacing what the
/// user wrote: the text goes to a temporary file beside the target, then is renamed over it
/// (or, when replacing is not allowed, linked to it, which fails if the target exists).
public enum OutputFile {
    public enum Failure: Error, CustomStringConvertible {
        case exists(String)
        /// A file in a report directory that `mupj` did not write, or that changed since it did:
        /// the directory's manifest (named here, as the reports name it) does not list it as it is.
        case notAsWritten(String, manifest: String)
        case malformed(String, line: Int, String)
        case cannotWrite(String, String)
        case cannotRead(String, String)
        /// More than one file of a report directory could not be written, each for its own reason,
        /// in the order given: all are named, so that one run shows everything to mend.
        case several([Failure])

        public var description: String {
            switch self {
            case .several(let failures): return failures.map(\.description).joined(separator: "\n")
            case .exists(let path): return "\(path): error: the file exists; use --force to replace it"
            case .notAsWritten(let path, let manifest):
                return "\(path): error: mupj did not write this file, or it was changed since "
                    + "(\(manifest) does not list it with the SHA-256 it has now); use --force to replace it"
            case .malformed(let path, let line, let reason): return "\(path):\(line):1: error: \(reason)"
            case .cannotWrite(let path, let reason): return "\(path): error: cannot write: \(reason)"
            case .cannotRead(let path, let reason): return "\(path): error: cannot read: \(reason)"
            }
        }
    }

    /// Why `directory` (ending in "/") could not be made: the first part of it that is there but is
    /// not a directory (`--output-dir` naming a file is the usual mistake), else what the system
    /// says when the first missing part is made on its own (the parts the write would have made
    /// anyway).
    static func whyNoDirectory(_ directory: String) -> String {
        var prefix = directory.hasPrefix("/") ? "/" : ""
        for part in directory.split(separator: "/") {
            prefix += part
            switch FileKind.of(prefix) {
            case .success(.directory): prefix += "/"
            case .success(let other): return "\(prefix) is \(other.article), not a directory"
            case .failure(let problem):
                guard mkdir(prefix, 0o777) == 0 else {
                    // A link to nothing is there and is not followed: say what it is, not "exists".
                    if errno == EEXIST { return "\(prefix) \(problem.message)" }
                    return "cannot create the directory \(prefix): \(String(cString: strerror(errno)))"
                }
                prefix += "/"
            }
        }
        return "cannot create the directory \(directory)"
    }

    /// What a new file could not keep of the one it replaced.
    public struct Replacement: Sendable, Equatable {
        /// Other names (hard links) of the file replaced, which still lead to the old text.
        public var otherNames = 0
        public var ownerKept = true
        public var groupKept = true

        public init(otherNames: Int = 0, ownerKept: Bool = true, groupKept: Bool = true) {
            (self.otherNames, self.ownerKept, self.groupKept) = (otherNames, ownerKept, groupKept)
        }

        /// What to tell the user, one warning a line, each naming `path`.
        public func warnings(_ path: String) -> String {
            var out = ""
            if otherNames > 0 {
                let names =
                    otherNames == 1
                    ? "1 other name (a hard link), which still leads"
                    : "\(otherNames) other names (hard links), which still lead"
                out += "\(path): warning: the file replaced had \(names) to the old text\n"
            }
            if !groupKept {
                out +=
                    "\(path): warning: the file replaced belonged to another owner and group, which could not be kept; "
                    + "it is now yours, without the group's permissions\n"
            } else if !ownerKept {
                out +=
                    "\(path): warning: the file replaced belonged to another owner, which could not be kept; it is now "
                    + "yours\n"
            }
            return out
        }
    }

    /// What a symbolic link at the path written does.
    public enum Links: Sendable {
        /// The link's target is replaced and the link stays: a path the user named (a tracking
        /// file, `init -o`) may be their own link.
        case follow
        /// Refused, with where it leads: the names of a report directory are mupj's, and a link
        /// placed among them would have it write, with `--force`, over any file the user can write.
        case refuse
    }

    @discardableResult
    public static func write(_ text: String, to path: String, replace: Bool, links: Links = .follow) throws(Failure)
        -> Replacement
    {
        try write(to: path, replace: replace, links: links) { emit in
            // Lent whole from the string's own bytes: `writeAll` takes a piece of any size, and a
            // copy beside the string would double it.
            var text = text
            text.withUTF8 { emit($0.span) }
        }
    }

    /// The same for a text handed over in pieces, each written as it comes.
    ///
    /// What already exists at `path` is replaced only when `replace` allows it, and only if it is
    /// a regular file. A symbolic link is followed (its target is replaced and the link stays), or
    /// refused (`links`). A device, a FIFO or a directory is never replaced by a file (`/dev/null`
    /// would have been).
    ///
    /// A file replaced keeps its permissions, and its owner and group where the system allows it;
    /// a new name cannot keep its hard links. The result says what could not be kept, for the
    /// caller to tell the user.
    @discardableResult
    public static func write(
        to path: String, replace: Bool, links: Links = .follow, _ produce: (_ emit: (Span<UInt8>) -> Void) -> Void
    ) throws(Failure) -> Replacement {
        let staged = try stage(to: path, replace: replace, links: links, produce)
        try staged.commit()
        return staged.replacement
    }

    /// Why a file of mupj's own at `path` is not written when `path` is a symbolic link, with where
    /// the link leads; nil when it is not one.
    public static func linkRefusal(_ path: String) -> String? {
        var link = stat()
        return lstat(path, &link) == 0 ? linkRefusal(path, link) : nil
    }

    /// The same, for `path` already looked at (`link`, from `lstat`).
    static func linkRefusal(_ path: String, _ link: stat) -> String? {
        guard link.st_mode & S_IFMT == S_IFLNK else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        let target =
            count > 0 ? " to " + String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        return "is a symbolic link\(target); mupj writes it only as a file of its own: remove the link"
    }

    /// A file written whole to its temporary beside `path`, to be put in place by `commit()`: so
    /// that several files can all be made before any of them replaces what was there. What `write`
    /// refuses is refused here, before anything is written.
    public static func stage(
        to path: String, replace: Bool, links: Links = .follow, _ produce: (_ emit: (Span<UInt8>) -> Void) -> Void
    ) throws(Failure) -> Staged {
        if path.isEmpty || path.hasSuffix("/") { throw .cannotWrite(path, "names a directory, not a file") }
        var target = path
        var link = stat()
        // What the file replaced was: its permissions, owner and group are the new file's too (a
        // reviewer's tracking file kept private must not come back readable by all).
        var replaced: stat?
        if lstat(path, &link) == 0 {
            if links == .refuse, let why = linkRefusal(path, link) { throw .cannotWrite(path, why) }
            // /dev/stdout, /dev/stdin, /proc/self/fd/1 lead to whatever the shell connected: the
            // file behind a `>>` would have been replaced, not appended to.
            if link.st_mode & S_IFMT == S_IFLNK, path.hasPrefix("/dev/") || path.hasPrefix("/proc/") {
                throw .cannotWrite(path, "names a standard stream or descriptor, not a file; name the file itself")
            }
            // What is never replaced says so first: "use --force" would not help there.
            switch FileKind.of(path) {
            case .success(.regular):
                guard replace else { throw .exists(path) }
                if link.st_mode & S_IFMT == S_IFLNK, let resolved = FileKind.realPath(path) { target = resolved }
            case .success(let other): throw .cannotWrite(path, "is \(other.article), not a regular file")
            case .failure(let problem):
                // A dangling link, say: "use --force" would not help either.
                throw .cannotWrite(path, problem.message)
            }
            var status = stat()
            if stat(target, &status) == 0 { replaced = status }
        }
        let slash = target.lastIndex(of: "/")
        let directory = slash.map { String(target[...$0]) } ?? ""
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                // Files of one directory are written side by side: another may have made it first.
                guard case .success(.directory) = FileKind.of(directory) else {
                    throw .cannotWrite(path, whyNoDirectory(directory))
                }
            }
        }
        // Named by its slot, as files are written side by side; short, so that a target whose name
        // is as long as a name may be still has a temporary.
        let slot = PendingTemporaries.shared.claim()
        var replacement = Replacement(otherNames: replaced.map { Int($0.st_nlink) - 1 } ?? 0)
        let staged = Staged(
            path: path, target: target, temporary: directory + ".mupj-\(getpid())-\(slot).tmp", slot: slot,
            replace: replace)
        // A file that replaces another is made readable by its owner alone until it has the old
        // one's permissions: a permission is checked when a file is opened, and a descriptor opened
        // on a temporary readable by all would read the text written after.
        let descriptor: Int32
        switch PendingTemporaries.shared.create(staged.temporary, in: slot, mode: replaced == nil ? 0o644 : 0o600) {
        case .created(let created): descriptor = created
        case .failed(let code): throw .cannotWrite(path, String(cString: strerror(code)))
        case .stopping: throw .cannotWrite(path, "the run is being stopped by a signal")
        }
        if let replaced {
            // Before any of the text is written. The owner first: changing it clears the set-ID
            // bits, which the mode then sets again. Only root may give a file away; anyone may keep
            // a group they are in. What cannot be kept is not passed on: the set-ID bits, and the
            // group's permissions, which would be another group's (as `cp -p` does).
            var mode = replaced.st_mode & 0o7777
            if fchown(descriptor, replaced.st_uid, replaced.st_gid) != 0 {
                replacement.ownerKept = false
                mode &= ~S_ISUID
                if fchown(descriptor, uid_t.max, replaced.st_gid) != 0 {
                    replacement.groupKept = false
                    mode &= ~(S_ISGID | 0o070)
                }
            }
            guard fchmod(descriptor, mode) == 0 else {
                let failure = "cannot give the new file the permissions of the old one: \(reason())"
                close(descriptor)
                throw .cannotWrite(path, failure)
            }
        }
        staged.replacement = replacement
        // After a failed write the remaining pieces are still made, and dropped.
        var written = true
        var failure: String?
        produce { piece in
            guard written else { return }
            written = writeAll(piece, to: descriptor)
            if !written { failure = reason() }
        }
        guard close(descriptor) == 0, written else { throw .cannotWrite(path, failure ?? reason()) }
        return staged
    }

    /// A file made and waiting beside its target. Its temporary is removed when it is dropped
    /// without being put in place (a run that stops part way leaves nothing behind), and by the
    /// signal handlers meanwhile.
    public final class Staged: Sendable {
        public let path: String
        let target: String
        let temporary: String
        let slot: Int
        let replace: Bool
        /// What of the file it replaces the new one could not keep; set once, before it is shared.
        public nonisolated(unsafe) fileprivate(set) var replacement = Replacement()
        private let settled = Atomic<Bool>(false)

        init(path: String, target: String, temporary: String, slot: Int, replace: Bool) {
            (self.path, self.target, self.temporary, self.slot, self.replace) = (path, target, temporary, slot, replace)
        }

        /// Puts the file in place: renamed over the target, or, when replacing is not allowed,
        /// linked to it (which fails if the target exists).
        public func commit() throws(Failure) {
            defer { discard() }
            if replace {
                guard rename(temporary, target) == 0 else { throw .cannotWrite(path, reason()) }
            } else if Glibc.link(temporary, target) != 0 {
                throw errno == EEXIST ? .exists(path) : .cannotWrite(path, reason())
            }
        }

        /// Removes the temporary, if it is still there, and frees its slot; once.
        public func discard() {
            guard !settled.exchange(true, ordering: .acquiringAndReleasing) else { return }
            unlink(temporary)
            PendingTemporaries.shared.release(slot)
        }

        deinit { discard() }
    }

    /// Removes the temporary file being written, if there is one, when the run is ended by SIGINT,
    /// SIGTERM, SIGHUP or SIGQUIT, then ends it by that signal as before. Without this, a review
    /// interrupted while it wrote left `.mupj-PID.tmp` in the user's directory.
    ///
    /// Call it first, before other threads start. A signal the parent ignores stays ignored (`nohup`
    /// ignores SIGHUP). One it blocked is unblocked: a child inherits the blocked set of the thread
    /// that started it (Foundation's `Process` started from a worker thread blocks nearly all), and a
    /// run that cannot be interrupted is worse than one that can.
    public static func removeTemporaryOnSignals() {
        var handled = sigset_t()
        sigemptyset(&handled)
        defer { PendingTemporaries.handled = handled }
        // Made now: a handler must not be the first to touch it (a lazy global's initialization
        // takes a lock).
        _ = PendingTemporaries.shared
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            var previous = sigaction()
            sigaction(signal, nil, &previous)
            let ignored = unsafeBitCast(SIG_IGN, to: Int.self)
            if unsafeBitCast(previous.__sigaction_handler.sa_handler, to: Int.self) == ignored { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { received in
                PendingTemporaries.shared.removeFilesForGood()
                Glibc.signal(received, SIG_DFL)
                raise(received)
            }
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
            sigaddset(&handled, signal)
        }
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
    }

    /// Writes every byte to a descriptor, retrying short writes and interrupted calls.
    public static func writeAll(_ bytes: Span<UInt8>, to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }

    public enum Comparison: Equatable {
        case same, differs
        case unreadable(String)
    }

    /// Whether `path` holds exactly the pieces `produce` hands over, read from the file piece by
    /// piece (for drift checks of reports of any size). A missing file differs; a file that is not
    /// a regular one (a FIFO would block the read) or cannot be opened is unreadable.
    public static func compare(_ path: String, _ produce: (_ emit: (Span<UInt8>) -> Void) -> Void) -> Comparison {
        switch FileKind.of(path) {
        case .success(.regular): break
        case .success(let other): return .unreadable("is \(other.article), not a regular file")
        case .failure(let problem):
            // Missing is drift; a file there that cannot be looked at (a directory that may not be
            // searched) is an error, not a report to write.
            return FileKind.nothingAt(path) ? .differs : .unreadable(problem.message)
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT ? .differs : .unreadable(reason()) }
        defer { close(descriptor) }
        var same = true
        var buffer: [UInt8] = []
        produce { piece in
            guard same else { return }
            buffer = [UInt8](repeating: 0, count: piece.count)
            same =
                readAll(into: &buffer, from: descriptor)
                && piece.withUnsafeBytes { made in buffer.withUnsafeBytes { made.elementsEqual($0) } }
        }
        // Nothing may follow what was made.
        var probe: [UInt8] = [0]
        return same && !readAll(into: &probe, from: descriptor) ? .same : .differs
    }

    /// Fills `buffer` from a descriptor; false when the file ends first or cannot be read.
    private static func readAll(into buffer: inout [UInt8], from descriptor: Int32) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let read = buffer.withUnsafeMutableBytes {
                Descriptor.read(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: $0[offset...]))
            }
            guard case .success(let count) = read, count > 0 else { return false }
            offset += count
        }
        return true
    }
}

/// The temporary files `OutputFile.write` has open, kept where a signal handler can read them:
/// paths in fixed buffers, one per slot, each published by a bit of an atomic word (safe to use in
/// a handler, as `unlink` is). A writer claims a free slot for as long as it writes.
///
/// Files are written side by side, so the handler may run while another thread creates a
/// temporary: it would remove the files published so far and end the run, and the other thread
/// could create its file between the two (the SIGTERM test left one in about one run of twenty).
/// So a temporary is created only while no handler runs: the handler first marks the run as
/// stopping, then waits for the creations under way, and only then removes the files. A thread
/// creates with the handled signals blocked, so that the handler never waits for its own thread.
private final class PendingTemporaries: Sendable {
    static let shared = PendingTemporaries()

    /// The signals whose handler removes the files (`removeTemporaryOnSignals`); set once at
    /// start, before other threads run.
    nonisolated(unsafe) static var handled = sigset_t()

    /// How long the handler waits for the creations under way, in milliseconds: an `open` on a hung
    /// network file system must not keep a run from ending.
    private static let creationWaitMilliseconds = 2_000

    /// More than the files of a report directory (eight), written at most one per core at a time.
    private static let slots = 64
    private let capacity = Int(PATH_MAX) + 1
    private nonisolated(unsafe) let paths: UnsafeMutablePointer<CChar>
    /// Bit `n`: slot `n` belongs to a writer.
    private let claimed = Atomic<UInt64>(0)
    /// Bit `n`: slot `n`'s buffer holds a path a handler may remove.
    private let published = Atomic<UInt64>(0)
    /// Bit `n`: slot `n`'s temporary is being created.
    private let creating = Atomic<UInt64>(0)
    /// Set by the handler: no temporary is created any more.
    private let stopping = Atomic<Bool>(false)

    private init() {
        paths = .allocate(capacity: Self.slots * capacity)
    }

    /// A free slot, waiting for one only if 64 files are being written at once.
    func claim() -> Int {
        while true {
            for slot in 0..<Self.slots {
                let bit = UInt64(1) << slot
                if claimed.bitwiseOr(bit, ordering: .acquiring).oldValue & bit == 0 { return slot }
            }
            sched_yield()
        }
    }

    enum Creation {
        case created(Int32)
        /// `open` failed with this `errno`.
        case failed(Int32)
        /// A signal handler is ending the run.
        case stopping
    }

    /// Opens the temporary for writing, published before it exists. It must be new: a file or a
    /// link already at its name (left by a run that was killed, or put there by someone else) is
    /// removed, never written through, and the temporary made again.
    func create(_ temporary: String, in slot: Int, mode: mode_t) -> Creation {
        var handled = Self.handled
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &handled, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        // Either the handler sees this bit and waits for it, or this sees that it runs: both are
        // sequentially consistent, so they cannot both miss the other.
        let bit = UInt64(1) << slot
        creating.bitwiseOr(bit, ordering: .sequentiallyConsistent)
        defer { creating.bitwiseAnd(~bit, ordering: .releasing) }
        guard !stopping.load(ordering: .sequentiallyConsistent) else { return .stopping }
        publish(temporary, in: slot)
        for _ in 0..<3 {
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if descriptor >= 0 { return .created(descriptor) }
            guard errno == EEXIST, unlink(temporary) == 0 || errno == ENOENT else { return .failed(errno) }
        }
        return .failed(EEXIST)
    }

    /// Fills the slot's buffer, then publishes it; a path too long for it is not published.
    private func publish(_ temporary: String, in slot: Int) {
        let bytes = Array(temporary.utf8)
        guard bytes.count < capacity else { return }
        let path = paths + slot * capacity
        bytes.withUnsafeBufferPointer { source in
            UnsafeMutableRawPointer(path).copyMemory(from: source.baseAddress!, byteCount: bytes.count)
        }
        path[bytes.count] = 0
        published.bitwiseOr(UInt64(1) << slot, ordering: .releasing)
    }

    func release(_ slot: Int) {
        published.bitwiseAnd(~(UInt64(1) << slot), ordering: .releasing)
        claimed.bitwiseAnd(~(UInt64(1) << slot), ordering: .releasing)
    }

    /// For the signal handler: stops the creation of temporaries, waits for those being created,
    /// then removes every published one. Uses only what a handler may (atomics, `nanosleep`,
    /// `unlink`).
    func removeFilesForGood() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        var pause = timespec(tv_sec: 0, tv_nsec: 1_000_000)
        var waited = 0
        while creating.load(ordering: .sequentiallyConsistent) != 0 && waited < Self.creationWaitMilliseconds {
            nanosleep(&pause, nil)
            waited += 1
        }
        let present = published.load(ordering: .acquiring)
        for slot in 0..<Self.slots where present & (UInt64(1) << slot) != 0 { unlink(paths + slot * capacity) }
    }
}
