import ArgumentParser
import FoundationEssentials
import Glibc
import ReviewEngine
import YAMLDocument

/// Limits on what is read, shared by every command that reads YAML.
struct LimitOptions: ParsableArguments {
    @Option(help: "Largest input file in bytes.")
    var maxFileSize: Int = LoadLimits.default.maxBytes

    @Option(help: "Deepest nesting of YAML collections.")
    var maxDepth: Int = LoadLimits.default.maxDepth

    @Option(help: "Most nodes that YAML aliases may expand to in one file.")
    var maxAliasNodes: Int = LoadLimits.default.maxAliasNodes

    @Option(help: "Most YAML nodes (keys, values and items) in one file.")
    var maxNodes: Int = LoadLimits.default.maxNodes

    var limits: LoadLimits {
        LoadLimits(maxBytes: maxFileSize, maxDepth: maxDepth, maxAliasNodes: maxAliasNodes, maxNodes: maxNodes)
    }

    func validate() throws {
        guard maxFileSize > 0, maxDepth > 0, maxAliasNodes >= 0, maxNodes > 0 else {
            throw ValidationError("limits must be positive")
        }
    }
}

/// Limits on the review of each description, for the commands that review: a review's work is the
/// product of the catalogs' checks and the description's elements, which no file's own limit bounds.
struct ReviewLimitOptions: ParsableArguments {
    @Option(help: "Most findings the review of one description may give.")
    var maxFindings: Int = ReviewLimits.default.maxFindings

    @Option(help: "Most steps (elements checked and places visited) the review of one description may take.")
    var maxSteps: Int = ReviewLimits.default.maxSteps

    var limits: ReviewLimits { ReviewLimits(maxFindings: maxFindings, maxSteps: maxSteps) }

    func validate() throws {
        guard maxFindings > 0, maxSteps > 0 else { throw ValidationError("review limits must be positive") }
    }
}

enum Inputs {
    /// Files named on the command line, with directories expanded to the `*.yaml` / `*.yml`
    /// files directly in them, in sorted order. A path that cannot be read is a diagnostic (exit 2).
    ///
    /// A path named on the command line is read whatever it is (a pipe, `/dev/stdin`), as `cat`
    /// would. Entries of a directory are read only if they are regular files: opening a FIFO that
    /// no one writes blocks for ever, and a device may never end, so each other entry with a YAML
    /// name is named as a problem rather than read or skipped in silence.
    static func expand(_ paths: [String]) -> (files: [String], problems: [Diagnostic]) {
        var files: [String] = []
        var problems: [Diagnostic] = []
        for path in paths {
            let kind: FileKind
            switch FileKind.of(path) {
            case .success(let found): kind = found
            case .failure(let reason):
                problems.append(Diagnostic(file: path, location: nil, message: reason.message))
                continue
            }
            guard kind == .directory else {
                files.append(path)
                continue
            }
            // Only the files directly in the directory: sub-directories (such as frameworks/examples)
            // are reviewed when named, so that examples never mix with the real descriptions.
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                problems.append(Diagnostic(file: path, location: nil, message: "cannot read the directory"))
                continue
            }
            let named = entries.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { name in
                path.hasSuffix("/") ? path + name : path + "/" + name
            }
            if named.isEmpty {
                problems.append(
                    Diagnostic(file: path, location: nil, message: "no *.yaml or *.yml files in the directory"))
            }
            for entry in named {
                switch FileKind.of(entry) {
                case .success(.regular): files.append(entry)
                case .success(let other):
                    problems.append(
                        Diagnostic(
                            file: entry, location: nil,
                            message: "is \(other.article); in a directory only regular files are read (name it on the "
                                + "command line to read it)"))
                case .failure(let reason):
                    problems.append(Diagnostic(file: entry, location: nil, message: reason.message))
                }
            }
        }
        return (files, problems)
    }
}

/// What a path is, following symbolic links.
enum FileKind: Equatable {
    case regular, directory, fifo, device, socket

    var article: String {
        switch self {
        case .regular: return "a regular file"
        case .directory: return "a directory"
        case .fifo: return "a FIFO"
        case .device: return "a device"
        case .socket: return "a socket"
        }
    }

    /// Why a path cannot be looked at, in words that tell a missing file from a link that leads
    /// nowhere or round in a loop.
    struct Unreadable: Error {
        let message: String
    }

    static func of(_ path: String) -> Result<FileKind, Unreadable> {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            var link = stat()
            if code == ENOENT, lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
                return .failure(Unreadable(message: "is a symbolic link to a file that does not exist"))
            }
            if code == ENOENT { return .failure(Unreadable(message: "no such file or directory")) }
            return .failure(Unreadable(message: "cannot read the path: \(String(cString: strerror(code)))"))
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .success(.directory)
        case S_IFIFO: return .success(.fifo)
        case S_IFCHR, S_IFBLK: return .success(.device)
        case S_IFSOCK: return .success(.socket)
        default: return .success(.regular)
        }
    }
}
