import Synchronization
import Testing
import YAMLDocument

/// Work run side by side comes back in the order of its indices, each index run once.
@Suite struct ConcurrentlyTests {
    @Test(arguments: [0, 1, 2, 7, 1000])
    func resultsAreInTheOrderOfTheIndices(count: Int) {
        let runs = Mutex<[Int]>([])
        let squares = Concurrently.map(count) { index in
            runs.withLock { $0.append(index) }
            return index * index
        }
        #expect(squares == (0..<count).map { $0 * $0 })
        #expect(runs.withLock { $0.sorted() } == Array(0..<count))
    }
}

/// Results made on worker threads are handed over in order, at most a window ahead, and a
/// consumer that throws stops the work.
@Suite struct InOrderTests {
    struct Stop: Error, Equatable {
        var at: Int
    }

    /// What the workers did, as the consumer saw it.
    final class Log: Sendable {
        let made = Mutex<[Int]>([])
        let consumed = Mutex<Int>(0)
        /// The most results made (or being made) and not yet consumed, seen when each one is begun.
        let mostAhead = Mutex<Int>(0)
        let running = Mutex<Int>(0)

        func produce(_ index: Int) -> Int {
            running.withLock { $0 += 1 }
            defer { running.withLock { $0 -= 1 } }
            made.withLock { $0.append(index) }
            let ahead = index + 1 - consumed.withLock { $0 }
            mostAhead.withLock { $0 = max($0, ahead) }
            // Uneven work, so that later indices often finish first.
            var x = UInt64(index)
            for _ in 0..<((index % 7) * 2_000) { x = x &* 6_364_136_223_846_793_005 &+ 1 }
            return index * 3 + Int(x & 0)
        }
    }

    @Test(arguments: [(0, 2, 4), (1, 4, 4), (5, 1, 2), (200, 2, 4), (200, 4, 1), (1000, 3, 6)])
    func everyResultComesOnceInOrder(count: Int, threads: Int, window: Int) {
        let log = Log()
        var seen: [Int] = []
        Concurrently.inOrder(count, threads: threads, window: window, produce: log.produce) { index, value in
            #expect(value == index * 3)
            seen.append(index)
            log.consumed.withLock { $0 = index + 1 }
        }
        #expect(seen == Array(0..<count))
        #expect(log.made.withLock { $0.sorted() } == Array(0..<count))
        // The window, and the result being consumed.
        #expect(log.mostAhead.withLock { $0 } <= window + 1)
        #expect(log.running.withLock { $0 } == 0)
    }

    /// With one thread nothing is made ahead: each result is consumed before the next is made.
    @Test func oneThreadRunsOnTheCallingThread() {
        let log = Log()
        Concurrently.inOrder(50, threads: 1, window: 8, produce: log.produce) { index, _ in
            log.consumed.withLock { $0 = index + 1 }
        }
        #expect(log.mostAhead.withLock { $0 } == 1)
    }

    @Test(arguments: [0, 1, 37, 199])
    func aThrowingConsumerStopsTheWork(at stop: Int) {
        let log = Log()
        let window = 4
        #expect(throws: Stop(at: stop)) {
            try Concurrently.inOrder(200, threads: 3, window: window, produce: log.produce) {
                (index: Int, _: Int) throws(Stop) in
                log.consumed.withLock { $0 = index + 1 }
                if index == stop { throw Stop(at: stop) }
            }
        }
        // Nothing is left running, and nothing was started beyond the window of the last result taken.
        #expect(log.running.withLock { $0 } == 0)
        #expect(log.made.withLock { $0.max() ?? -1 } < stop + 1 + window)
        #expect(Set(log.made.withLock { $0 }).count == log.made.withLock { $0.count })
    }
}
