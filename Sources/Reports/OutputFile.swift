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
        try write(to: path, replace: replace) { emit in emit(Array(text.utf8)) }
    }

    /// The same for a text handed over in pieces, each written as it comes.
    public static func write(to path: String, replace: Bool, _ produce: (_ emit: ([UInt8]) -> Void) -> Void)
        throws(Failure)
    {
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
        // After a failed write the remaining pieces are still made, and dropped.
        var written = true
        var failure: String?
        produce { piece in
            guard written else { return }
            written = writeAll(piece, to: descriptor)
            if !written { failure = reason() }
        }
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

    /// Whether `path` holds exactly the pieces `produce` hands over, read from the file piece by
    /// piece (for drift checks of reports of any size); false when it cannot be read.
    public static func matches(_ path: String, _ produce: (_ emit: ([UInt8]) -> Void) -> Void) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var same = true
        var buffer: [UInt8] = []
        produce { piece in
            guard same else { return }
            buffer = [UInt8](repeating: 0, count: piece.count)
            same = readAll(into: &buffer, from: descriptor) && buffer == piece
        }
        // Nothing may follow what was made.
        var probe: [UInt8] = [0]
        return same && !readAll(into: &probe, from: descriptor)
    }

    /// Fills `buffer` from a descriptor; false when the file ends first or cannot be read.
    private static func readAll(into buffer: inout [UInt8], from descriptor: Int32) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let count = buffer.count
            let read = buffer.withUnsafeMutableBytes {
                Glibc.read(descriptor, $0.baseAddress! + offset, count - offset)
            }
            if read < 0 && errno == EINTR { continue }
            if read <= 0 { return false }
            offset += read
        }
        return true
    }
}
