import Glibc

/// The lock that commands adding to a file in a directory take in turn, from reading the file to
/// replacing it: two `mupj judge` runs on one tracking file would otherwise both read it before
/// either wrote, and the second would replace the first's entry (or be refused, when the
/// comparison before the rename catches it).
///
/// It is `flock` on the directory itself, not a lock file: the kernel drops it with the process
/// however the process ends, so a killed run leaves nothing behind to clear by hand, and nothing
/// is added to the user's directory. Editors and other tools do not take it: the file is compared
/// with what was read just before it is replaced, which catches most of what they write, but not a
/// write in the moment between that comparison and the rename.
public final class WriterLock {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        /// Another process held the lock for the whole wait.
        case busy(directory: String, seconds: Int)
        case cannotOpen(directory: String, reason: String)

        public var description: String {
            switch self {
            case .busy(let directory, let seconds):
                let other =
                    seconds == 0
                    ? "another mupj command is adding to a file here"
                    : "another mupj command has been adding to a file here for \(seconds) s"
                return "\(directory): error: \(other); nothing was added, run the command again when it has finished"
            case .cannotOpen(let directory, let reason):
                return "\(directory): error: cannot lock the directory for writing: \(reason); nothing was added"
            }
        }
    }

    /// The directory locked: the one the file is in, or its nearest existing ancestor while the
    /// file's directory is still to be made (every writer making it locks that ancestor too).
    public let directory: String
    /// False where the file system does not lock (some network file systems): the comparison
    /// before the rename is then the only guard.
    public let held: Bool
    private let descriptor: Int32

    /// Takes the lock for writing the file at `path`, waiting at most `timeout`; `waiting` is
    /// called once, with the directory, when the lock is found taken and there is time to wait.
    public init(
        forFileAt path: String, timeout: Duration = .seconds(10), waiting: (_ directory: String) -> Void
    ) throws(Failure) {
        directory = Self.existingDirectory(of: path)
        descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .cannotOpen(directory: directory, reason: String(cString: strerror(errno)))
        }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var announced = false
        while true {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                held = true
                return
            }
            switch errno {
            case EWOULDBLOCK:
                break
            case EINTR:
                continue
            default:
                // ENOLCK, EBADF on NFS's emulation, EOPNOTSUPP: no lock to be had here.
                held = false
                return
            }
            guard clock.now < deadline else {
                close(descriptor)
                throw .busy(directory: directory, seconds: Int(timeout.components.seconds))
            }
            if !announced {
                waiting(directory)
                announced = true
            }
            var pause = timespec(tv_sec: 0, tv_nsec: 20_000_000)
            nanosleep(&pause, nil)
        }
    }

    deinit {
        // Closing the only descriptor of the open file releases the lock.
        close(descriptor)
    }

    /// Whether this lock is the one a writer of the file at `path` would take: the same directory
    /// (device and inode, however it is named). A second lock there, on another descriptor, would
    /// wait for this one.
    public func covers(fileAt path: String) -> Bool {
        var (held, other) = (stat(), stat())
        guard fstat(descriptor, &held) == 0, stat(Self.existingDirectory(of: path), &other) == 0 else { return false }
        return held.st_dev == other.st_dev && held.st_ino == other.st_ino
    }

    /// The directory of `path`, or its nearest ancestor that exists ("." or "/" at the top).
    static func existingDirectory(of path: String) -> String {
        var directory = path
        repeat {
            guard let slash = directory.lastIndex(of: "/") else { return "." }
            directory = String(directory[..<slash])
            if directory.isEmpty { return "/" }
        } while !Self.isDirectory(directory)
        return directory
    }

    private static func isDirectory(_ path: String) -> Bool {
        if case .success(.directory) = FileKind.of(path) { return true }
        return false
    }
}
