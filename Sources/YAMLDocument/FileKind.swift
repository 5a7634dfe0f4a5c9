import FoundationEssentials
import Glibc

/// What a path names, following symbolic links: the commands read files named on the command line
/// whatever they are (a pipe, `/dev/stdin`), as `cat` would, but read a directory's entries only if
/// they are regular files. Opening a FIFO that no one writes blocks for ever, and a device may never
/// end; such an entry with a YAML name is named as a problem, neither read nor skipped in silence.
public enum FileKind: Sendable, Equatable {
    case regular, directory, fifo, device, socket

    /// The kind in words, with its article: "a FIFO".
    public var article: String {
        switch self {
        case .regular: return "a regular file"
        case .directory: return "a directory"
        case .fifo: return "a FIFO"
        case .device: return "a device"
        case .socket: return "a socket"
        }
    }

    /// The path of the entry `name` of `directory`, as it was named ("reports" or "reports/").
    public static func path(_ name: String, in directory: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Whether nothing at all is at `path`: no file, no directory, not even a link that leads
    /// nowhere. A default that may be missing is passed over only then; anything else there is
    /// read, and its problem reported.
    public static func nothingAt(_ path: String) -> Bool {
        var entry = stat()
        return lstat(path, &entry) != 0 && errno == ENOENT
    }

    /// The kind of `path`, or why it cannot be looked at, in words that tell a missing file from a
    /// link that leads nowhere or round in a loop.
    public static func of(_ path: String) -> Result<FileKind, Diagnostic> {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            var link = stat()
            let message: String
            if code == ENOENT, lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
                message = "is a symbolic link to a file that does not exist"
            } else if code == ENOENT {
                message = "no such file or directory"
            } else {
                message = "cannot read the path: \(String(cString: strerror(code)))"
            }
            return .failure(Diagnostic(file: path, location: nil, message: message))
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .success(.directory)
        case S_IFIFO: return .success(.fifo)
        case S_IFCHR, S_IFBLK: return .success(.device)
        case S_IFSOCK: return .success(.socket)
        default: return .success(.regular)
        }
    }

    /// `path` with every symbolic link in it followed; nil when it does not lead to anything.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The regular files directly in `directory` whose names end with one of `suffixes` (lower-case;
    /// matched in any case, so that `DIRAC.YAML` is not passed over without a word), as paths in
    /// name order; every other entry with such a name is a problem. Names that start with a dot
    /// are left out, as `ls` leaves them out: editors keep lock files (`.#a.yaml`, a symbolic link
    /// to nowhere) and swap files beside what they edit. Nil when the directory cannot be listed.
    public static func entries(of directory: String, endingWith suffixes: [String])
        -> (files: [String], problems: [Diagnostic])?
    {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        var files: [String] = []
        var problems: [Diagnostic] = []
        let named = names.filter { name in
            !name.hasPrefix(".") && suffixes.contains { name.lowercased().hasSuffix($0) }
        }
        for name in named.sorted() {
            let path = Self.path(name, in: directory)
            switch of(path) {
            case .success(.regular): files.append(path)
            case .success(let other):
                problems.append(
                    Diagnostic(
                        file: path, location: nil,
                        message: "is \(other.article); in a directory only regular files are read (name it on the "
                            + "command line to read it)"))
            case .failure(let problem): problems.append(problem)
            }
        }
        return (files, problems)
    }
}
