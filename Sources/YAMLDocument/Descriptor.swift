import Glibc

/// Reading a file descriptor piece by piece. Inputs are read whole with a cap, reports are compared
/// with what is on disk, and the reports `mupj` replaces are hashed; each is a loop over this one
/// read, so that a signal that interrupts a read (a terminal resized, a child that ended) is
/// retried in one place rather than taken for an error in whichever loop forgot it.
public enum Descriptor {
    /// A read that failed other than by an interruption.
    public struct Failure: Error, Equatable {
        public let code: Int32

        /// The system's words for it ("Is a directory").
        public var reason: String { String(cString: strerror(code)) }
    }

    /// Reads at most `buffer.count` bytes into `buffer`: how many were read, 0 at the end of the
    /// file.
    public static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, Failure> {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .success(0) }
        while true {
            let read = Glibc.read(descriptor, base, buffer.count)
            if read >= 0 { return .success(read) }
            if errno != EINTR { return .failure(Failure(code: errno)) }
        }
    }
}
