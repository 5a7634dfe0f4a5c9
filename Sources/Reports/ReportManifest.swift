import Glibc
import YAMLDocument

/// The files `mupj` wrote in a report directory, each with the SHA-256 it had when written, kept
/// beside them in `mupj-reports.sha256`, in the form `sha256sum` writes, so that
/// `sha256sum -c mupj-reports.sha256` also tells whether the reports are as `mupj` left them.
///
/// Why: `--output-dir` writes fixed names (`review.md`, `summary.html`, …) into a directory the
/// user chooses, which may hold a file of theirs under one of those names, or a report they edited.
/// A file there is replaced only when the manifest lists it with the digest it has now; anything
/// else needs `--force`.
public struct ReportManifest: Equatable, Sendable {
    public static let fileName = "mupj-reports.sha256"

    /// A manifest is a line per report; more than this is not one.
    static let maxBytes = 1 << 20

    /// The digest of each file, by its name in the directory.
    public var digests: [String: String] = [:]

    public init(digests: [String: String] = [:]) { self.digests = digests }

    /// The manifest's text: a line per file, in name order.
    public var text: String {
        digests.keys.sorted().map { digests[$0]! + "  " + $0 + "\n" }.joined()
    }

    /// The manifest of `directory`; empty when it has none. Anything but a regular file there is
    /// refused before it is opened (a FIFO nobody writes would block the read).
    public static func read(in directory: String) throws(OutputFile.Failure) -> ReportManifest {
        let path = FileKind.path(fileName, in: directory)
        // Read as it is written: never through a link, which would make another file the list.
        if let why = OutputFile.linkRefusal(path) { throw .cannotRead(path, why) }
        switch FileKind.of(path) {
        case .failure: return ReportManifest()
        case .success(.regular): break
        case .success(let other): throw .cannotRead(path, "is \(other.article), not a regular file")
        }
        let source: SourceFile
        do {
            source = try SourceFile.read(path, maxBytes: maxBytes)
        } catch {
            throw .cannotRead(path, error.diagnostic.message)
        }
        return try parse(String(decoding: source.bytes, as: UTF8.self), path: path)
    }

    /// Each line a digest in lower-case hexadecimal, two spaces and the name of another file of
    /// the directory; any other line is an error at that line, and so is an empty file (`mupj`
    /// writes none), so that a file of the user's that happens to have the manifest's name is not
    /// taken for one, nor replaced.
    public static func parse(_ text: String, path: String) throws(OutputFile.Failure) -> ReportManifest {
        guard !text.isEmpty else {
            throw .malformed(path, line: 1, "empty; the reports' manifest mupj writes lists at least one file" + advice)
        }
        var manifest = ReportManifest()
        // Split at line feeds byte by byte: as characters, CR LF is one, and a line would run on.
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for (index, line) in lines.enumerated() {
            let digest = line.prefix(64)
            let separator = line.dropFirst(64).prefix(2)
            // Not a string where the cut falls inside a character: then the line is no manifest's.
            let name = String(line.dropFirst(66)) ?? ""
            guard digest.count == 64, digest.allSatisfy(Self.isLowerHex), separator.elementsEqual("  ".utf8),
                isPlainName(name)
            else {
                throw .malformed(
                    path, line: index + 1,
                    "not a line of mupj's report manifest (a SHA-256 in lower-case hexadecimal, two spaces, the name "
                        + "of another file here)" + advice)
            }
            guard manifest.digests.updateValue(String(decoding: digest, as: UTF8.self), forKey: name) == nil else {
                throw .malformed(path, line: index + 1, "'\(name)' is listed twice" + advice)
            }
        }
        return manifest
    }

    /// What to do about a manifest that is not one: writing with `--force` replaces it.
    private static let advice = "; write the reports with --force to replace it"

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    /// A name of a file in the directory itself: not empty, no `/`, not `.` or `..`, no control or
    /// format character (a line end would change what the line says, a direction override how it
    /// reads); `mupj` writes none of them.
    private static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && name != fileName
            && !name.unicodeScalars.contains {
                $0 == "/" || $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
            }
    }

    /// The manifest after `written` (name → digest) have been put in `directory`: their digests,
    /// and the lines of the files that were there before and still are. A file removed since is
    /// no longer listed, so that `sha256sum -c` checks what is there.
    func updated(with written: [String: String], in directory: String) -> ReportManifest {
        var kept = digests.filter { name, _ in
            if case .success(.regular) = FileKind.of(FileKind.path(name, in: directory)) { return true }
            return false
        }
        kept.merge(written) { _, new in new }
        return ReportManifest(digests: kept)
    }

    /// The SHA-256 of the file at `path`, read a MiB at a time (a report of a thousand
    /// descriptions is 200 MB).
    static func digest(of path: String) throws(OutputFile.Failure) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotRead(path, String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var hasher = SHA256.Hasher()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            switch buffer.withUnsafeMutableBytes({ Descriptor.read(descriptor, into: $0) }) {
            case .failure(let failure): throw .cannotRead(path, failure.reason)
            case .success(0): return hasher.hex
            case .success(let read):
                buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<read])) }
            }
        }
    }
}
