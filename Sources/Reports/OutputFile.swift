import FoundationEssentials
import Glibc

/// Writing results without ever leaving a half-written file or silently replacing what the
/// user wrote: the text goes to a temporary file beside the target, then is renamed over it
/// (or, when replacing is not allowed, linked to it, which fails if the target exists).
public enum OutputFile {
    public enum Failure: Error, CustomStringConvertible {
        case exists(String)
        case cannotWrite(String, String)

        public var description: String {
            switch self {
            case .exists(let path): return "\(path): error: the file exists; use --force to replace it"
            case .cannotWrite(let path, let reason): return "\(path): error: cannot write: \(reason)"
            }
        }
    }

    public static func write(_ text: String, to path: String, replace: Bool) throws(Failure) {
        if !replace && access(path, F_OK) == 0 { throw .exists(path) }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .cannotWrite(path, "cannot create the directory \(directory)")
            }
        }
        let temporary = directory + ".\(name).tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path, reason()) }
        defer { unlink(temporary) }
        let written = writeAll(Array(text.utf8), to: descriptor)
        let failure = written ? nil : reason()
        guard close(descriptor) == 0, written else { throw .cannotWrite(path, failure ?? reason()) }
        if replace {
            guard rename(temporary, path) == 0 else { throw .cannotWrite(path, reason()) }
        } else if link(temporary, path) != 0 {
            throw errno == EEXIST ? .exists(path) : .cannotWrite(path, reason())
        }
    }

    /// Writes every byte to a descriptor, retrying short writes and interrupted calls.
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }

    private static func reason() -> String { String(cString: strerror(errno)) }

    /// The text currently in `path`, or nil when there is none (for drift checks).
    public static func existing(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}
