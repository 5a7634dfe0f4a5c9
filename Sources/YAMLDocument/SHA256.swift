import CSHA256

/// SHA-256 (FIPS 180-4), dependency-free: reports record the digest of every input so that a
/// reader can check which catalogs and descriptions a verdict was computed from, and every finding
/// id is a digest prefix, so a review hashes whole descriptions and thousands of short messages.
/// The message is read in place, with no allocation per block. Blocks are compressed by the x86
/// SHA extensions where the processor has them (CSHA256), and by the rounds below everywhere else;
/// the tests check that both give the same digests.
public enum SHA256 {
    /// Whether blocks go to the processor's SHA instructions; checked once.
    static let hardware = mupj_sha256_hardware_available() == 1

    public static func digest(_ message: [UInt8]) -> [UInt8] {
        message.withUnsafeBufferPointer { digest(UnsafeRawBufferPointer($0)) }
    }

    public static func digest(_ message: UnsafeRawBufferPointer) -> [UInt8] {
        var state = State()
        state.consume(message, hardware: hardware)
        var out = [UInt8](repeating: 0, count: 32)
        for i in 0..<8 {
            let word = state.words[i]
            for j in 0..<4 { out[i * 4 + j] = UInt8(truncatingIfNeeded: word >> UInt32(24 - 8 * j)) }
        }
        return out
    }

    public static func hex(_ message: [UInt8]) -> String {
        message.withUnsafeBufferPointer { hex(UnsafeRawBufferPointer($0)) }
    }

    /// The digest in lower-case hexadecimal, cut to its first `digits` digits (64 for all of it).
    public static func hex(_ message: UnsafeRawBufferPointer, digits: Int = 64) -> String {
        hex(message, digits: digits, hardware: hardware)
    }

    /// `hex`, with the choice of compression made by the caller (the tests compare both).
    static func hex(_ message: UnsafeRawBufferPointer, digits: Int = 64, hardware: Bool) -> String {
        var state = State()
        state.consume(message, hardware: hardware)
        return state.hex(digits: digits)
    }

    /// A digest taken piece by piece, for bytes that are never whole in memory: a report as it is
    /// written, a file as it is read.
    public struct Hasher {
        private var state = State()
        /// The bytes after the last whole block, fewer than 64.
        private var pending: [UInt8] = []
        private var total = 0

        public init() { pending.reserveCapacity(64) }

        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            total += bytes.count
            var rest = bytes[...]
            if !pending.isEmpty {
                let taken = rest.prefix(64 - pending.count)
                pending += taken
                rest = rest[taken.endIndex...]
                guard pending.count == 64 else { return }
                pending.withUnsafeBytes { state.compress(blocks: $0, hardware: SHA256.hardware) }
                pending.removeAll(keepingCapacity: true)
            }
            let whole = rest.startIndex + rest.count / 64 * 64
            state.compress(blocks: UnsafeRawBufferPointer(rebasing: rest[..<whole]), hardware: SHA256.hardware)
            pending += rest[whole...]
        }

        public mutating func update(_ bytes: Span<UInt8>) { bytes.withUnsafeBytes { update($0) } }

        /// The digest of everything given, in lower-case hexadecimal.
        public var hex: String {
            var last = state
            pending.withUnsafeBytes { last.finish($0, total: total, hardware: SHA256.hardware) }
            return last.hex(digits: 64)
        }
    }

    /// The digest of `parts` joined by the unit separator U+001F (which no id or path contains),
    /// cut to `digits` hexadecimal digits.
    public static func hex(joining parts: [String], digits: Int) -> String {
        // Joined in a buffer on the stack (a finding id is a few hundred bytes at most), not an array.
        let length = parts.reduce(max(parts.count - 1, 0)) { $0 + $1.utf8.count }
        return withUnsafeTemporaryAllocation(byteCount: length, alignment: 1) { key in
            var offset = 0
            for (index, part) in parts.enumerated() {
                if index > 0 {
                    key[offset] = 0x1F
                    offset += 1
                }
                offset += part.withUTF8InPlace { bytes in
                    UnsafeMutableRawBufferPointer(rebasing: key[offset...]).copyMemory(
                        from: UnsafeRawBufferPointer(bytes))
                    return bytes.count
                }
            }
            return hex(UnsafeRawBufferPointer(key), digits: digits)
        }
    }

    /// The eight working words, updated block by block. A vector rather than an array: a finding id
    /// hashes a few bytes, and an array would be a heap allocation per digest.
    private struct State {
        var words = SIMD8<UInt32>(
            0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)

        /// The whole message: its whole blocks read where they lie, then the rest, padded.
        mutating func consume(_ message: UnsafeRawBufferPointer, hardware: Bool) {
            let full = message.count / 64 * 64
            compress(blocks: UnsafeRawBufferPointer(rebasing: message[0..<full]), hardware: hardware)
            finish(UnsafeRawBufferPointer(rebasing: message[full...]), total: message.count, hardware: hardware)
        }

        /// The last bytes of a message of `total` bytes (fewer than 64 of them), padded as FIPS
        /// 180-4 §5.1.1 says into one or two blocks, in a buffer on the stack.
        mutating func finish(_ rest: UnsafeRawBufferPointer, total: Int, hardware: Bool) {
            withUnsafeTemporaryAllocation(byteCount: 128, alignment: 8) { tail in
                let tailLength = rest.count < 56 ? 64 : 128
                tail.initializeMemory(as: UInt8.self, repeating: 0)
                if !rest.isEmpty { tail.baseAddress!.copyMemory(from: rest.baseAddress!, byteCount: rest.count) }
                tail[rest.count] = 0x80
                let bits = UInt64(total) &* 8
                for i in 0..<8 { tail[tailLength - 1 - i] = UInt8(truncatingIfNeeded: bits >> UInt64(8 * i)) }
                compress(blocks: UnsafeRawBufferPointer(rebasing: tail[0..<tailLength]), hardware: hardware)
            }
        }

        /// Whole blocks (a multiple of 64 bytes).
        mutating func compress(blocks: UnsafeRawBufferPointer, hardware: Bool) {
            guard !blocks.isEmpty else { return }
            if hardware {
                withUnsafeMutableBytes(of: &words) { words in
                    mupj_sha256_hardware_compress(
                        words.baseAddress!.assumingMemoryBound(to: UInt32.self),
                        blocks.baseAddress!.assumingMemoryBound(to: UInt8.self), blocks.count / 64)
                }
                return
            }
            let k = UnsafeBufferPointer(start: mupj_sha256_round_constants(), count: 64)
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                var offset = 0
                while offset < blocks.count {
                    compress(UnsafeRawBufferPointer(rebasing: blocks[offset..<offset + 64]), w, k)
                    offset += 64
                }
            }
        }

        /// The digest, cut to its first `digits` hexadecimal digits.
        func hex(digits: Int) -> String {
            let count = min(max(digits, 0), 64)
            return String(unsafeUninitializedCapacity: count) { out in
                let alphabet: StaticString = "0123456789abcdef"
                alphabet.withUTF8Buffer { alphabet in
                    for i in 0..<count {
                        let word = words[i / 8]
                        let nibble = Int(word >> UInt32(28 - 4 * (i % 8)) & 0xF)
                        out[i] = alphabet[nibble]
                    }
                }
                return count
            }
        }

        private mutating func compress(
            _ block: UnsafeRawBufferPointer, _ w: UnsafeMutableBufferPointer<UInt32>, _ k: UnsafeBufferPointer<UInt32>
        ) {
            for i in 0..<16 {
                w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
            }
            for i in 16..<64 {
                let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, h) = (
                words[0], words[1], words[2], words[3], words[4], words[5], words[6], words[7]
            )
            // Eight rounds per pass, the working variables renamed instead of shifted along:
            // the eight-way move of every round is what a plain loop spends most on.
            var i = 0
            while i < 64 {
                SHA256.round(a, b, c, &d, e, f, g, &h, k[i] &+ w[i])
                SHA256.round(h, a, b, &c, d, e, f, &g, k[i + 1] &+ w[i + 1])
                SHA256.round(g, h, a, &b, c, d, e, &f, k[i + 2] &+ w[i + 2])
                SHA256.round(f, g, h, &a, b, c, d, &e, k[i + 3] &+ w[i + 3])
                SHA256.round(e, f, g, &h, a, b, c, &d, k[i + 4] &+ w[i + 4])
                SHA256.round(d, e, f, &g, h, a, b, &c, k[i + 5] &+ w[i + 5])
                SHA256.round(c, d, e, &f, g, h, a, &b, k[i + 6] &+ w[i + 6])
                SHA256.round(b, c, d, &e, f, g, h, &a, k[i + 7] &+ w[i + 7])
                i += 8
            }
            words[0] &+= a
            words[1] &+= b
            words[2] &+= c
            words[3] &+= d
            words[4] &+= e
            words[5] &+= f
            words[6] &+= g
            words[7] &+= h
        }
    }

    /// One round (FIPS 180-4 §6.2.2 step 3), with `d` and `h` updated in place.
    @inline(__always) fileprivate static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32,
        _ h: inout UInt32, _ kw: UInt32
    ) {
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ kw
        let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
        d &+= t1
        h = t1 &+ t2
    }

    fileprivate static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x &>> n | x &<< (32 &- n) }
}
