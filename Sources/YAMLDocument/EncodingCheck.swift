/// Checks that a file is UTF-8 text without NUL bytes before libyaml sees it, so that the error
/// can say where the bad byte is. Returns whether the input is pure ASCII (then libyaml's
/// character index is also the byte offset).
enum EncodingCheck {
    /// The UTF-8 byte-order mark, which an editor may put first; accepted and skipped.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func validate(_ bytes: UnsafeBufferPointer<UInt8>) throws(YAMLError) -> Bool {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw YAMLError(
                .encoding, at: .start,
                "the file is UTF-16 (it starts with a UTF-16 byte-order mark); descriptions must be UTF-8 text "
                    + "(convert it, e.g. with iconv -f UTF-16 -t UTF-8)")
        }
        var i = 0
        let n = bytes.count
        var ascii = true
        let base = UnsafeRawPointer(bytes.baseAddress)
        while i < n {
            // Eight bytes at a time while they are ASCII and none is NUL: the common case.
            if let base, i + 8 <= n {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let high: UInt64 = 0x8080_8080_8080_8080
                let hasZero = (word &- 0x0101_0101_0101_0101) & ~word & high
                if word & high == 0 && hasZero == 0 {
                    i += 8
                    continue
                }
            }
            let b = bytes[i]
            if b < 0x80 {
                if b == 0 {
                    throw YAMLError(
                        .encoding, at: location(of: i, in: bytes),
                        "NUL byte in the file; descriptions must be UTF-8 text (is the file UTF-16?)")
                }
                i += 1
                continue
            }
            ascii = false
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(b & 0x1F))
            case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(b & 0x0F))
            case 0xF0...0xF4: (length, minimum, scalar) = (4, 0x10000, UInt32(b & 0x07))
            default: throw invalid(at: i, bytes)
            }
            guard i + length <= n else { throw invalid(at: i, bytes) }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { throw invalid(at: i, bytes) }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
                throw invalid(at: i, bytes)
            }
            i += length
        }
        return ascii
    }

    private static func invalid(at offset: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let hex = String(bytes[offset], radix: 16, uppercase: true)
        return YAMLError(
            .encoding, at: location(of: offset, in: bytes),
            "invalid UTF-8 (byte 0x\(hex)); descriptions must be UTF-8 text")
    }

    /// Line and column (in Unicode scalars) of a byte offset, for error messages only.
    static func location(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        var line = 1
        var column = 1
        for i in 0..<min(offset, bytes.count) {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column, offset: offset)
    }
}
