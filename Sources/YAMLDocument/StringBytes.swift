extension String {
    /// Calls `body` with the string's UTF-8 bytes, read in place where they are contiguous (native
    /// strings, small ones included), from a contiguous copy otherwise. `withUTF8` needs a `var`,
    /// and copying a string into one costs a retain and a release, which the loader, digests and
    /// report writers would pay for every string they read.
    @inlinable
    public func withUTF8InPlace<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}

extension String {
    /// The whole characters from the start that fit in `maxBytes` bytes, `maxCharacters` at most:
    /// how messages and reports cut what the user wrote. Only the first `maxBytes` bytes and a
    /// scalar more are read, since one character can be a letter and a million combining marks:
    /// their characters are the text's but for the last, which may be cut short, and which never
    /// fits, as they are longer than `maxBytes`. ASCII is a character a byte (but a CR LF).
    public func leadingCharacters(maxBytes: Int, maxCharacters: Int = .max) -> String {
        let utf8 = self.utf8
        guard maxBytes > 0, maxCharacters > 0 else { return "" }
        guard utf8.count > maxBytes else {
            guard let cut = index(startIndex, offsetBy: maxCharacters, limitedBy: endIndex) else { return self }
            return String(self[..<cut])
        }
        var end = utf8.index(utf8.startIndex, offsetBy: maxBytes + 1)
        while end < utf8.endIndex && UTF8.isContinuation(utf8[end]) { end = utf8.index(after: end) }
        if maxCharacters >= maxBytes, utf8[..<end].allSatisfy({ $0 < 0x80 }) {
            let last = utf8.index(utf8.startIndex, offsetBy: maxBytes - 1)
            let splitsCRLF = utf8[last] == UInt8(ascii: "\r") && utf8[utf8.index(after: last)] == UInt8(ascii: "\n")
            return String(decoding: utf8[..<(splitsCRLF ? last : utf8.index(after: last))], as: UTF8.self)
        }
        var taken = ""
        var (bytes, characters) = (0, 0)
        for character in String(decoding: utf8[..<end], as: UTF8.self) {
            guard characters < maxCharacters, bytes + character.utf8.count <= maxBytes else { break }
            taken.append(character)
            bytes += character.utf8.count
            characters += 1
        }
        return taken
    }
}
