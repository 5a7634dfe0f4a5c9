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
