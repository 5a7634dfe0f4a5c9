import YAMLDocument

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file's text with its line starts found once, for quoting; a line becomes a `String` only
/// when it is quoted (a large description has tens of thousands of lines, few of them quoted).
public struct SourceText: Sendable {
    private let bytes: [UInt8]
    /// The byte offset where each line starts.
    private let starts: [Int]

    public init(_ file: SourceFile) {
        bytes = file.bytes
        var starts = [0]
        // Lines as every location counts them (LF, CRLF, and CR alone: a file with CR line ends
        // was quoted as one line, so no quote matched its evidence). Line feeds are found with
        // memchr when the file has no CR: a report is made for every description reviewed, and a
        // byte-by-byte scan of each was a percent of a review.
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            if memchr(base, 0x0D, buffer.count) == nil {
                var from = 0
                while from < buffer.count, let found = memchr(base + from, 0x0A, buffer.count - from) {
                    let next = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                    if next < buffer.count { starts.append(next) }
                    from = next
                }
                return
            }
            var i = 0
            while i < buffer.count {
                switch buffer[i] {
                case 0x0D: i += i + 1 < buffer.count && buffer[i + 1] == 0x0A ? 2 : 1
                case 0x0A: i += 1
                default:
                    i += 1
                    continue
                }
                if i < buffer.count { starts.append(i) }
            }
        }
        self.starts = bytes.isEmpty ? [] : starts
    }

    /// Line `n` (1-based) without its line break; nil past the end.
    public func line(_ n: Int) -> String? {
        withLine(n) { line, _ in String(decoding: line, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of line `n` (1-based) without its line break, and the offset in
    /// the file where the line starts; nil past the end.
    func withLine<T>(_ n: Int, _ body: (UnsafeBufferPointer<UInt8>, Int) -> T) -> T? {
        guard n >= 1 && n <= starts.count else { return nil }
        let start = starts[n - 1]
        // Without its line break: LF, CRLF or CR.
        var end = n < starts.count ? starts[n] : bytes.count
        if end > start && bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end]), start) }
    }
}
