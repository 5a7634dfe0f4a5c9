import Glibc
import YAMLDocument

enum Inputs {
    /// Files named on the command line, with directories expanded to the `*.yaml` / `*.yml`
    /// regular files directly in them, in sorted order (see `FileKind` for what else a directory
    /// may hold), each file once. A path that cannot be read is a diagnostic (exit 2).
    /// `kind` names what standard input is read as, for the note shown when it is a terminal.
    static func expand(_ paths: [String], kind: String = "a description") -> (files: [String], problems: [Diagnostic]) {
        var files: [String] = []
        var problems: [Diagnostic] = []
        for named in paths {
            // `-` is standard input, read through `/dev/stdin`, the name its diagnostics and
            // reports give it. From a terminal nothing says the command waits for typing: say so.
            // An empty argument (an unset shell variable) would be named by nothing at all.
            if named.isEmpty {
                problems.append(Diagnostic(file: "''", location: nil, message: "an empty path names no file"))
                continue
            }
            let path = named == "-" ? standardInput : named
            if named == "-" && isatty(STDIN_FILENO) == 1 {
                DiagnosticPrinter.print([
                    Diagnostic(
                        file: path, location: nil, severity: .note,
                        message: "reading \(kind) typed here; end it with Ctrl-D")
                ])
            }
            switch FileKind.of(path) {
            case .failure(let problem): problems.append(problem)
            case .success(.directory):
                // Only the files directly in the directory: sub-directories (such as frameworks/examples)
                // are reviewed when named, so that examples never mix with the real descriptions.
                guard let listed = FileKind.entries(of: path, endingWith: [".yaml", ".yml"]) else {
                    problems.append(Diagnostic(file: path, location: nil, message: "cannot read the directory"))
                    continue
                }
                if listed.files.isEmpty && listed.problems.isEmpty {
                    problems.append(
                        Diagnostic(file: path, location: nil, message: "no *.yaml or *.yml files in the directory"))
                }
                files += listed.files
                problems += listed.problems
            case .success: files.append(path)
            }
        }
        return (readOnce(files), problems)
    }

    /// What `-` on the command line reads.
    static let standardInput = "/dev/stdin"

    /// What a command's list of paths says of itself in `--help`.
    static let pathsHelp = "Description files or directories; `-` reads one from standard input."

    /// The files without the second naming of any (`frameworks/ frameworks/panda.yaml`), each
    /// repeat named in a warning: read twice, a description would be reviewed twice and shown twice
    /// to the MB, and a catalog would collide with itself.
    private static func readOnce(_ files: [String]) -> [String] {
        var first: [FileIdentity: String] = [:]
        var kept: [String] = []
        var repeats: [Diagnostic] = []
        var standardInputSeen = false
        for file in files {
            // Standard input is read once, whatever it is: a pipe read again gives nothing.
            if file == standardInput {
                if standardInputSeen {
                    repeats.append(
                        Diagnostic(
                            file: file, location: nil, severity: .warning,
                            message: "standard input (-) is named twice; it is read once"))
                    continue
                }
                standardInputSeen = true
            }
            var status = stat()
            // Only regular files: two names of one device or pipe may read different inputs.
            guard stat(file, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
                kept.append(file)
                continue
            }
            let identity = FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
            if let earlier = first[identity] {
                repeats.append(
                    Diagnostic(
                        file: file, location: nil, severity: .warning,
                        message: file == earlier
                            ? "named twice; it is read once"
                            : "the same file as \(earlier), named before; it is read once"))
                continue
            }
            first[identity] = file
            kept.append(file)
        }
        DiagnosticPrinter.print(repeats)
        return kept
    }

    private struct FileIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
    }
}
