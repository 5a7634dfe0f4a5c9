// What handing work to a second core costs on this machine, for deciding whether one
// description's review (about 250 µs, one thread) is worth splitting over two cores.
//
//   swiftc -O scripts/thread-handoff.swift -o /tmp/thread-handoff && /tmp/thread-handoff
//
// For each amount of work it times, 3 000 times, the work done on the calling thread and the
// same work cut in two halves run side by side (`DispatchQueue.concurrentPerform`, as
// `Concurrently.map` does), and prints the best, median and 90th-percentile time of each. The
// work is arithmetic on registers, so the halves share no memory: the difference between the two
// is the cost of waking a second thread and waiting for it, nothing else.
import Dispatch
import Glibc
import Synchronization

/// Work that takes time in proportion to `steps`; its result depends on `seed`, so that the
/// compiler cannot compute it once for every run.
@inline(never) func spin(_ steps: Int, seed: Int) -> UInt64 {
    var state = UInt64(seed)
    for step in 0..<steps { state = state &* 6_364_136_223_846_793_005 &+ UInt64(step) }
    return state
}

func microseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) * 1e6 + Double(time.tv_nsec) / 1e3
}

func percentiles(_ times: [Double]) -> String {
    let sorted = times.sorted()
    func at(_ fraction: Double) -> String {
        let value = sorted[min(Int(Double(sorted.count) * fraction), sorted.count - 1)]
        let text = String(Int(value.rounded()))
        return text + String(repeating: " ", count: max(0, 6 - text.count))
    }
    return "best \(at(0)) median \(at(0.5)) p90 \(at(0.9))"
}

let runs = 3_000
/// Where every result goes, so that no work is optimized away.
let sink = Atomic<UInt64>(0)
print("times in µs, \(runs) runs each")
for steps in [100_000, 400_000, 800_000, 1_200_000] {
    var alone: [Double] = []
    var split: [Double] = []
    for run in 0..<runs {
        var start = microseconds()
        sink.wrappingAdd(spin(steps, seed: run), ordering: .relaxed)
        alone.append(microseconds() - start)
        start = microseconds()
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            sink.wrappingAdd(spin(steps / 2, seed: run + half), ordering: .relaxed)
        }
        split.append(microseconds() - start)
    }
    print("one thread:  \(percentiles(alone))")
    print("two halves:  \(percentiles(split))")
}
print("(checksum \(sink.load(ordering: .relaxed) % 10))")
