import Foundation

/// The bytes of one input file and the path it was read from, as the user wrote it.
public struct SourceFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

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

    /// Reads a file, refusing one larger than `maxBytes` before reading it into memory.
    public static func read(_ path: String, maxBytes: Int) throws(ReadFailure) -> SourceFile {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(Diagnostic(file: path, location: nil, message: "no such file"))
        }
        guard !isDirectory.boolValue else {
            throw .unreadable(Diagnostic(file: path, location: nil, message: "is a directory, expected a file"))
        }
        let size = (try? manager.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        if size > maxBytes {
            throw .tooLarge(
                Diagnostic(
                    file: path, location: .start,
                    message:
                        "file is \(size) bytes, more than the limit of \(maxBytes) bytes (raise it with --max-file-size)"
                ))
        }
        guard let data = manager.contents(atPath: path) else {
            throw .unreadable(
                Diagnostic(file: path, location: nil, message: "cannot read the file (permission denied?)"))
        }
        return SourceFile(path: path, bytes: [UInt8](data))
    }

    /// Lowercase hex SHA-256 of the bytes, for provenance in reports.
    public var sha256: String { SHA256.hex(bytes) }

    /// Loads the file as one YAML document.
    public func load(limits: LoadLimits) throws(Diagnostic) -> Node {
        do {
            return try YAMLLoader.load(bytes, limits: limits)
        } catch {
            throw error.diagnostic(file: path)
        }
    }

    /// The text of a line (1-based), without its line break, for quoting evidence.
    public func line(_ number: Int) -> String? {
        var line = 1
        var start = 0
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            if line == number { return String(decoding: bytes[start..<i], as: UTF8.self) }
            line += 1
            start = i + 1
        }
        return line == number && start < bytes.count ? String(decoding: bytes[start...], as: UTF8.self) : nil
    }
}
