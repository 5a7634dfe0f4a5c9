import Dispatch
import Synchronization

/// Independent pieces of work run side by side, one per core, with their results in the order
/// of their indices: what they make does not depend on which finishes first.
public enum Concurrently {
    /// `transform(0) … transform(count - 1)`, run on as many threads as there are cores.
    /// `transform` must touch nothing another call writes.
    public static func map<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(transform) }
        let results = Mutex<[T?]>(Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let value = transform(index)
            results.withLock { $0[index] = value }
        }
        return results.withLock { $0.map { $0! } }
    }
}
