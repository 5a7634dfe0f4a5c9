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
            // 32 bytes at a time while they are ASCII and none is NUL: the common case.
            if let base, i + 32 <= n {
                let high: UInt64 = 0x8080_8080_8080_8080
                let ones: UInt64 = 0x0101_0101_0101_0101
                let a = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let b = base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                let c = base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                let d = base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                // A byte is NUL where subtracting 1 borrows into its high bit (for ASCII bytes).
                let zero = ((a &- ones) & ~a) | ((b &- ones) & ~b) | ((c &- ones) & ~c) | ((d &- ones) & ~d)
                if (a | b | c | d) & high == 0 && zero & high == 0 {
                    i += 32
                    continue
                }
            }
            let b = bytes[i]
            if b < 0x80 {
                if b == 0 {
                    throw YAMLError(
                        .encoding, at: .of(offset: i, in: bytes),
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
            .encoding, at: .of(offset: offset, in: bytes),
            "invalid UTF-8 (byte 0x\(hex)); descriptions must be UTF-8 text")
    }
}
