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
