import FoundationEssentials
import Glibc

/// The bytes of one input file and the path it was read from, as the user wrote it.
public struct SourceFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// What starts the path of a file that came with `mupj` rather than from the file system: a
    /// URI scheme, so that a report can name it, and link to it, as it is, never as a path
    /// relative to some directory.
    public static let builtInScheme = "mupj:"

    /// A file built into `mupj`, named `mupj:` and the path it had in the project.
    public static func builtIn(_ projectPath: String, bytes: [UInt8]) -> SourceFile {
        SourceFile(path: builtInScheme + projectPath, bytes: bytes)
    }

    /// Whether `path` names a file built into `mupj`.
    public static func isBuiltIn(_ path: String) -> Bool { path.hasPrefix(builtInScheme) }

    /// Why a file could not be read. `unreadable` is about the file system (exit 2); `tooLarge`
    /// is about the content, like any other rejected input (exit 1).
    public enum ReadFailure: Error, Sendable {
        case unreadable(Diagnostic)
        case tooLarge(Diagnostic)

        public var diagnostic: Diagnostic {
            switch self {
            case .unreadable(let d), .tooLarge(let d): return d
            }
        }
    }

    /// Reads a file, refusing one larger than `maxBytes` before reading it into memory. Reads at
    /// most `maxBytes + 1` bytes in any case, so a device or a pipe that never ends (`/dev/zero`)
    /// is refused as too large instead of filling memory.
    public static func read(_ path: String, maxBytes: Int) throws(ReadFailure) -> SourceFile {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let code = errno
            // Missing, or a link to nothing: `FileKind` tells the two apart.
            if code == ENOENT, case .failure(let missing) = FileKind.of(path) { throw .unreadable(missing) }
            throw .unreadable(
                Diagnostic(file: path, location: nil, message: "cannot open the file: \(systemError(code))"))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .unreadable(
                Diagnostic(file: path, location: nil, message: "cannot read the file: \(systemError(errno))"))
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            throw .unreadable(Diagnostic(file: path, location: nil, message: "is a directory, expected a file"))
        }
        let regular = status.st_mode & S_IFMT == S_IFREG
        if regular, Int(status.st_size) > maxBytes {
            throw .tooLarge(tooLarge(path, "file is \(status.st_size) bytes, more than", maxBytes))
        }
        let cap = maxBytes < Int.max ? maxBytes + 1 : maxBytes
        var bytes = [UInt8](repeating: 0, count: min(cap, regular ? Int(status.st_size) + 1 : 1 << 16))
        var count = 0
        while count < cap {
            if count == bytes.count {
                let grown = count + min(count, cap - count)
                // Swift traps when an allocation fails. Only a raised --max-file-size lets a file
                // that never ends (`/dev/zero`) grow this far, so ask the allocator first.
                guard canAllocate(grown) else {
                    throw .unreadable(
                        Diagnostic(
                            file: path, location: nil,
                            message: "cannot read the file: out of memory after \(count) bytes"
                                + " (--max-file-size is \(maxBytes))"))
                }
                // Exactly `grown` bytes (appending would take twice the old capacity), copied and
                // cleared by the C library (an unspecialized append is slow in a debug build).
                bytes = [UInt8](unsafeUninitializedCapacity: grown) { buffer, initialized in
                    bytes.withUnsafeBytes { old in _ = memcpy(buffer.baseAddress!, old.baseAddress!, count) }
                    memset(buffer.baseAddress! + count, 0, grown - count)
                    initialized = grown
                }
            }
            let read: Int
            switch bytes.withUnsafeMutableBytes({
                Descriptor.read(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: $0[count...]))
            }) {
            case .success(let got): read = got
            case .failure(let failure):
                throw .unreadable(
                    Diagnostic(file: path, location: nil, message: "cannot read the file: \(failure.reason)"))
            }
            if read == 0 { break }
            count += read
        }
        if count > maxBytes {
            throw .tooLarge(tooLarge(path, "file goes on past", maxBytes))
        }
        bytes.removeSubrange(count...)
        // A file whose name begins like a built-in one ("mupj:x.yaml" is a legal name) is named
        // as the same file in this directory, so that reports never take it for one.
        return SourceFile(path: isBuiltIn(path) ? "./" + path : path, bytes: bytes)
    }

    /// Reads each file, for inputs read whole before they are loaded together (catalogs): those
    /// that cannot be read, or are too large, are problems, in the order of `paths`.
    public static func read(_ paths: [String], maxBytes: Int) -> (sources: [SourceFile], problems: [Diagnostic]) {
        var sources: [SourceFile] = []
        var problems: [Diagnostic] = []
        for path in paths {
            do {
                sources.append(try read(path, maxBytes: maxBytes))
            } catch {
                problems.append(error.diagnostic)
            }
        }
        return (sources, problems)
    }

    /// Why this file, already in memory (one built into `mupj`), is refused by the size limit a
    /// read would hold it to; nil when it is within it.
    public func beyond(maxBytes: Int) -> Diagnostic? {
        bytes.count > maxBytes ? Self.tooLarge(path, "file is \(bytes.count) bytes, more than", maxBytes) : nil
    }

    private static func tooLarge(_ path: String, _ what: String, _ maxBytes: Int) -> Diagnostic {
        Diagnostic(
            file: path, location: .start,
            message: "\(what) the limit of \(maxBytes) bytes (raise it with --max-file-size)")
    }

    /// Whether `bytes` more can be mapped now (the mapping is given back at once). A system call,
    /// not `malloc`: the optimizer removes a `malloc` whose block is only freed, and the check with it.
    private static func canAllocate(_ bytes: Int) -> Bool {
        let probe = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let probe, probe != MAP_FAILED else { return false }
        munmap(probe, bytes)
        return true
    }

    private static func systemError(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// Lowercase hex SHA-256 of the bytes, for provenance in reports.
    public var sha256: String { SHA256.hex(bytes) }

    /// Loads the file as one YAML document.
    public func load(limits: LoadLimits) throws(Diagnostic) -> Node {
        try loadTable(limits: limits).node(at: NodeTable.root)
    }

    /// Loads the file as one YAML document, as a table (see `NodeTable`).
    public func loadTable(limits: LoadLimits) throws(Diagnostic) -> NodeTable {
        do {
            return try YAMLLoader.loadTable(bytes, limits: limits)
        } catch {
            throw error.diagnostic(file: path)
        }
    }

    /// The same, going on past duplicate keys, each added to `duplicates` (see
    /// `YAMLLoader.loadTable(_:limits:duplicates:)`).
    public func loadTable(limits: LoadLimits, duplicates: inout [Diagnostic]) throws(Diagnostic) -> NodeTable {
        var found: [YAMLError] = []
        defer { duplicates = found.map { $0.diagnostic(file: path) } }
        do {
            return try YAMLLoader.loadTable(bytes, limits: limits, duplicates: &found)
        } catch {
            throw error.diagnostic(file: path)
        }
    }

    /// The text of a line (1-based), without its line break, for quoting evidence. Lines are
    /// counted as in every location the loader reports (see `SourceLocation.of(offset:in:)`).
    public func line(_ number: Int) -> String? {
        bytes.withUnsafeBufferPointer { buffer in
            var line = 1
            var start = buffer.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var i = start
            while i < buffer.count {
                let length = SourceLocation.lineBreakLength(buffer, at: i)
                guard length > 0 else {
                    i += 1
                    continue
                }
                if line == number { return String(decoding: buffer[start..<i], as: UTF8.self) }
                line += 1
                i += length
                start = i
            }
            return line == number && start < buffer.count
                ? String(decoding: buffer[start...], as: UTF8.self) : nil
        }
    }
}
