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
        try write(Array(text.utf8), to: path, replace: replace)
    }

    public static func write(_ bytes: [UInt8], to path: String, replace: Bool) throws(Failure) {
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
        let sink = try Sink(creating: temporary, for: path)
        do {
            try sink.write(bytes)
            try sink.close()
        } catch {
            unlink(temporary)
            throw error
        }
        try sink.commit(replace: replace)
    }

    /// A file being written under a temporary name, renamed into place by `commit`: reports
    /// written piece by piece never exist half-written under their real name.
    final class Sink {
        let target: String
        let temporary: String
        private var descriptor: Int32

        init(creating temporary: String, for target: String) throws(Failure) {
            self.target = target
            self.temporary = temporary
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw .cannotWrite(target, OutputFile.reason()) }
        }

        deinit {
            if descriptor >= 0 {
                Glibc.close(descriptor)
                unlink(temporary)
            }
        }

        func write(_ bytes: [UInt8]) throws(Failure) {
            guard OutputFile.writeAll(bytes, to: descriptor) else { throw .cannotWrite(target, OutputFile.reason()) }
        }

        func close() throws(Failure) {
            let closed = Glibc.close(descriptor)
            descriptor = -1
            guard closed == 0 else { throw .cannotWrite(target, OutputFile.reason()) }
        }

        func commit(replace: Bool) throws(Failure) {
            if descriptor >= 0 { try close() }
            defer { unlink(temporary) }
            if replace {
                guard rename(temporary, target) == 0 else { throw .cannotWrite(target, OutputFile.reason()) }
            } else if link(temporary, target) != 0 {
                throw errno == EEXIST ? .exists(target) : .cannotWrite(target, OutputFile.reason())
            }
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

    static func reason() -> String { String(cString: strerror(errno)) }

    /// The text currently in `path`, or nil when there is none (for drift checks).
    public static func existing(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}
