import Foundation

/// Writing results without ever leaving a half-written file or silently replacing what the
/// user wrote: the text goes to a temporary file beside the target, then is renamed over it.
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
        let manager = FileManager.default
        if !replace && manager.fileExists(atPath: path) { throw .exists(path) }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? manager.removeItem(at: temporary)
                throw Failure.cannotWrite(path, reason)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            try? manager.removeItem(at: temporary)
            throw .cannotWrite(path, "\(error.localizedDescription)")
        }
    }

    /// The text currently in `path`, or nil when there is none (for drift checks).
    public static func existing(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}
