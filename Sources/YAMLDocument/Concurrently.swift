import Dispatch
import Glibc
import Synchronization

/// Independent pieces of work run side by side, one per core, with their results in the order
/// of their indices: what they make does not depend on which finishes first.
public enum Concurrently {
    /// The threads side-by-side work uses: one per core. Read once: glibc answers
    /// `_SC_NPROCESSORS_ONLN` by opening and reading `/sys/devices/system/cpu/online`, three
    /// system calls that were 4 % of the review of one description when asked for every review.
    public static let cores: Int = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))

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

    /// `produce(0) … produce(count - 1)` on `threads` threads, the calling thread among them, each
    /// result handed to `consume` on the calling thread as soon as it and every result before it
    /// are made: a stream that keeps its order while the work behind it runs on every core. While
    /// one result is consumed, at most `window` more are made or being made, so memory holds at
    /// most `window + 1` results whatever `count` is. When `consume` throws, nothing more is
    /// started, the work already running is waited for, and the error is rethrown. With one
    /// thread or one item everything runs on the calling thread, without starting a thread.
    public static func inOrder<T: Sendable, Failure: Error>(
        _ count: Int, threads: Int = cores, window: Int? = nil, produce: @escaping @Sendable (Int) -> T,
        consume: (Int, T) throws(Failure) -> Void
    ) throws(Failure) {
        let threads = min(threads, count)
        guard threads > 1 else {
            for index in 0..<count { try consume(index, produce(index)) }
            return
        }
        let board = HandOff<T>(count: count, window: max(window ?? 2 * threads, 1))
        let workers = DispatchGroup()
        // The calling thread is one of the threads: while the result it needs next is not made,
        // it makes one itself (a result made where it is consumed is not handed between cores,
        // and the thread seldom sleeps).
        for _ in 1..<threads {
            DispatchQueue.global().async(group: workers) {
                while let index = board.claim() { board.deliver(index, produce(index)) }
            }
        }
        defer {
            board.stop()
            workers.wait()
        }
        var index = 0
        while index < count {
            switch board.next(index) {
            case .ready(let value):
                try consume(index, value)
                index += 1
            case .make(let other):
                board.deliver(other, produce(other))
            }
        }
    }
}

/// The results of `Concurrently.inOrder` between the threads that make them and the thread that
/// takes them in order: one lock, and a condition for each side. A worker waits for room in the
/// window, the taking thread for the one result it needs next when it has nothing to make; each
/// is woken only when what it waits for may have come.
private final class HandOff<T: Sendable>: @unchecked Sendable {
    // Every stored property below is read and written only with `mutex` held.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Signalled when room opens in the window, or when the taker stops.
    private let room = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Signalled when the result the taker waits for is delivered.
    private let made = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let count: Int
    private let window: Int
    private var next = 0
    private var taken = 0
    /// The index the taker waits for, if it waits.
    private var awaited: Int?
    private var stopped = false
    private var results: [Int: T] = [:]

    init(count: Int, window: Int) {
        self.count = count
        self.window = window
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(room, nil)
        pthread_cond_init(made, nil)
    }

    deinit {
        pthread_cond_destroy(room)
        pthread_cond_destroy(made)
        pthread_mutex_destroy(mutex)
        for pointer in [room, made] { pointer.deallocate() }
        mutex.deallocate()
    }

    private func locked<R>(_ body: () -> R) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }

    /// The next index to make, once it is within the window; nil when there is none left or the
    /// taker has stopped.
    func claim() -> Int? {
        locked {
            while !stopped && next < count && next >= taken + window { pthread_cond_wait(room, mutex) }
            guard !stopped && next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func deliver(_ index: Int, _ value: T) {
        locked {
            results[index] = value
            if awaited == index { pthread_cond_signal(made) }
        }
    }

    enum Next {
        case ready(T)
        /// An index for the taking thread to make itself.
        case make(Int)
    }

    /// The result of `index`, which frees its place in the window; while it is not made, an index
    /// within the window that no thread has claimed; else waits until one of the two comes.
    func next(_ index: Int) -> Next {
        locked {
            while true {
                if let value = results.removeValue(forKey: index) {
                    awaited = nil
                    taken = index + 1
                    pthread_cond_broadcast(room)
                    return .ready(value)
                }
                if next < count && next < taken + window {
                    awaited = nil
                    defer { next += 1 }
                    return .make(next)
                }
                awaited = index
                pthread_cond_wait(made, mutex)
            }
        }
    }

    /// Nothing more is claimed; results still being made are delivered and dropped with the board.
    func stop() {
        locked {
            stopped = true
            pthread_cond_broadcast(room)
        }
    }
}
