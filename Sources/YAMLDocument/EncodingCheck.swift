/// Checks that a file is UTF-8 text in YAML's printable set (tab, line breaks, no other control
/// character, no NUL) before libyaml sees it, so that the error can say where the bad byte is.
/// These are all the checks libyaml's reader makes, which lets the loader hand libyaml the text
/// as already decoded (see `TreeBuilder.handOver`). Returns the number of characters (Unicode
/// scalars), which libyaml counts in: when it equals the number of bytes, the file is ASCII and
/// libyaml's character index is also the byte offset.
enum EncodingCheck {
    /// The UTF-8 byte-order mark, which an editor may put first; accepted and skipped.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func validate(_ bytes: UnsafeBufferPointer<UInt8>) throws(YAMLError) -> Int {
        // UTF-32 first: its little-endian mark starts with UTF-16's.
        let utf32 = bytes.starts(with: [0xFF, 0xFE, 0, 0]) || bytes.starts(with: [0, 0, 0xFE, 0xFF])
        if utf32 || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let encoding = utf32 ? "UTF-32" : "UTF-16"
            throw YAMLError(
                .encoding, at: .start,
                "the file is \(encoding) (it starts with a \(encoding) byte-order mark); mupj reads UTF-8 text "
                    + "(convert it, e.g. with iconv -f \(encoding) -t UTF-8)")
        }
        var i = 0
        let n = bytes.count
        var characters = n
        let base = UnsafeRawPointer(bytes.baseAddress)
        while i < n {
            // 32 bytes at a time while they are ASCII: the common case. Bytes below 0x20 are
            // flagged (for an ASCII byte, adding 0x60 sets the high bit exactly when it is 0x20 or
            // more) and looked at one by one: they are mostly line breaks.
            if let base, i + 32 <= n {
                let high: UInt64 = 0x8080_8080_8080_8080
                let ones: UInt64 = 0x0101_0101_0101_0101
                let a = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let b = base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                let c = base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                let d = base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                // A byte is DEL where, xor 0x7F, subtracting 1 borrows into its high bit.
                let (da, db, dc, dd) = (
                    a ^ 0x7F7F_7F7F_7F7F_7F7F, b ^ 0x7F7F_7F7F_7F7F_7F7F, c ^ 0x7F7F_7F7F_7F7F_7F7F,
                    d ^ 0x7F7F_7F7F_7F7F_7F7F
                )
                let del = ((da &- ones) & ~da) | ((db &- ones) & ~db) | ((dc &- ones) & ~dc) | ((dd &- ones) & ~dd)
                if (a | b | c | d) & high == 0 && del & high == 0 {
                    for k in 0..<4 {
                        let word = base.loadUnaligned(fromByteOffset: i + 8 * k, as: UInt64.self)
                        var low = ~(word &+ 0x6060_6060_6060_6060) & high
                        while low != 0 {
                            let at = i + 8 * k + low.trailingZeroBitCount / 8
                            try checkControl(bytes[at], at: at, bytes)
                            low &= low &- 1
                        }
                    }
                    i += 32
                    continue
                }
            }
            let b = bytes[i]
            if b < 0x80 {
                if b < 0x20 || b == 0x7F { try checkControl(b, at: i, bytes) }
                i += 1
                continue
            }
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
            // NEL and the line and paragraph separators: YAML 1.1 readers (libyaml, whose lines every
            // location counts) break lines there, YAML 1.2 readers and most editors do not, so every
            // later line number would be one that the reader's editor does not show.
            if scalar == 0x85 || scalar == 0x2028 || scalar == 0x2029 {
                let code = String(scalar, radix: 16, uppercase: true)
                throw YAMLError(
                    .syntax, at: .of(offset: i, in: bytes),
                    "U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code) is a line break to some YAML "
                        + "readers and not to others, so lines would be numbered differently; write it as \\u\(code) "
                        + "in a double-quoted string")
            }
            // C1 controls, and the two noncharacters YAML leaves out.
            if (scalar >= 0x80 && scalar <= 0x9F) || scalar == 0xFFFE || scalar == 0xFFFF {
                throw control(scalar, at: i, bytes)
            }
            characters -= length - 1
            i += length
        }
        return characters
    }

    /// An ASCII byte below 0x20, or DEL: only tab and line breaks are text.
    private static func checkControl(_ byte: UInt8, at offset: Int, _ bytes: UnsafeBufferPointer<UInt8>)
        throws(YAMLError)
    {
        switch byte {
        case 0x09, 0x0A, 0x0D: return
        case 0:
            throw YAMLError(
                .encoding, at: .of(offset: offset, in: bytes),
                "NUL byte in the file; mupj reads UTF-8 text (is the file UTF-16?)")
        default: throw control(UInt32(byte), at: offset, bytes)
        }
    }

    private static func control(_ scalar: UInt32, at offset: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let code = String(scalar, radix: 16, uppercase: true)
        return YAMLError(
            .syntax, at: .of(offset: offset, in: bytes),
            "control characters are not allowed (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code) "
                + "here); YAML text may hold tabs, line breaks and printable characters only")
    }

    private static func invalid(at offset: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let hex = String(bytes[offset], radix: 16, uppercase: true)
        return YAMLError(
            .encoding, at: .of(offset: offset, in: bytes),
            "invalid UTF-8 (byte 0x\(hex)); mupj reads UTF-8 text")
    }
}
