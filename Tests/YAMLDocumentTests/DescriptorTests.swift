import Foundation
import Glibc
import Synchronization
import Testing
import YAMLDocument

/// How many times the test's signal reached its handler.
private let interruptions = Atomic<Int>(0)
/// Whether the reader was seen asleep (in its read) before the signal was sent.
private let readerSlept = Atomic<Bool>(false)

@Suite struct DescriptorTests {
    /// A read that a signal interrupts before any byte came is retried, not taken for an error: the
    /// reader waits on an empty pipe, a signal handled without `SA_RESTART` reaches its thread, and
    /// only then is a byte written.
    @Test func anInterruptedReadIsRetried() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer {
            close(ends[0])
            close(ends[1])
        }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interruptions.add(1, ordering: .relaxed) }
        action.sa_flags = 0
        sigemptyset(&action.sa_mask)
        var previous = sigaction()
        try #require(sigaction(SIGUSR2, &action, &previous) == 0)
        defer { sigaction(SIGUSR2, &previous, nil) }
        // The thread a test runs on may block signals; this one must reach it.
        var only = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, SIGUSR2)
        var mask = sigset_t()
        try #require(pthread_sigmask(SIG_UNBLOCK, &only, &mask) == 0)
        defer { pthread_sigmask(SIG_SETMASK, &mask, nil) }

        let reader = pthread_self()
        // This thread's own directory in /proc (`/proc/PID/task/TID`), where its state is read.
        let readerTask = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")
        let writer = ends[1]
        let before = interruptions.load(ordering: .relaxed)
        let interrupter = Thread {
            // The signal is sent once the reader sleeps (state S), in the read: sent before, it
            // would interrupt nothing and the test would pass without a retry.
            for _ in 0..<500 {
                let stat = (try? String(contentsOfFile: "/proc/\(readerTask)/stat", encoding: .utf8)) ?? ""
                if stat.split(separator: ")").last?.split(separator: " ").first == "S" {
                    readerSlept.store(true, ordering: .relaxed)
                    break
                }
                usleep(10_000)
            }
            usleep(20_000)
            pthread_kill(reader, SIGUSR2)
            usleep(100_000)
            var byte: UInt8 = 0x2A
            _ = write(writer, &byte, 1)
        }
        interrupter.start()
        var buffer = [UInt8](repeating: 0, count: 8)
        let read = buffer.withUnsafeMutableBytes { Descriptor.read(ends[0], into: $0) }
        let slept = readerSlept.load(ordering: .relaxed)
        #expect(slept, "the signal was sent before the read began")
        #expect(interruptions.load(ordering: .relaxed) == before + 1)
        #expect(read == .success(1))
        #expect(buffer[0] == 0x2A)
    }

    @Test func theEndOfAFileReadsAsNoBytes() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        var bytes: [UInt8] = [1, 2, 3]
        #expect(write(ends[1], &bytes, 3) == 3)
        close(ends[1])
        var buffer = [UInt8](repeating: 0, count: 8)
        #expect(buffer.withUnsafeMutableBytes { Descriptor.read(ends[0], into: $0) } == .success(3))
        #expect(buffer.prefix(3) == [1, 2, 3])
        #expect(buffer.withUnsafeMutableBytes { Descriptor.read(ends[0], into: $0) } == .success(0))
    }

    @Test func aFailureCarriesTheSystemsWords() throws {
        let directory = open(FileManager.default.temporaryDirectory.path, O_RDONLY | O_DIRECTORY)
        try #require(directory >= 0)
        defer { close(directory) }
        var buffer = [UInt8](repeating: 0, count: 8)
        let read = buffer.withUnsafeMutableBytes { Descriptor.read(directory, into: $0) }
        guard case .failure(let failure) = read else {
            Issue.record("reading a directory gave \(read)")
            return
        }
        #expect(failure.code == EISDIR)
        #expect(failure.reason == "Is a directory")
    }
}
