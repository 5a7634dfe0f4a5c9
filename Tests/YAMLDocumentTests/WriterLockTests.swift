import Foundation
import TestSupport
import Testing
import YAMLDocument

/// The lock writers of one directory take in turn.
@Suite struct WriterLockTests {
    @Test func theLockIsThatOfTheNearestDirectoryThere() throws {
        let directory = try TestSupport.temporaryDirectory().path
        func locked(_ path: String) throws -> String { try WriterLock(forFileAt: path) { _ in }.directory }
        #expect(try locked(directory + "/tracking.yaml") == directory)
        // Not made yet: every writer making it locks the part that is there.
        #expect(try locked(directory + "/reviews/tracking/a.yaml") == directory)
        #expect(try locked("/a-directory-not-there/x.yaml") == "/")
        #expect(try locked("not-there/x.yaml") == ".")
        #expect(try locked("x.yaml") == ".")
    }

    @Test func aSecondWriterWaitsAndGivesUpAtItsTimeOut() throws {
        let directory = try TestSupport.temporaryDirectory().path
        var first: WriterLock? = try WriterLock(forFileAt: directory + "/a.yaml") { _ in }
        #expect(first?.held == true)
        var waited: [String] = []
        // Another file of the same directory: the lock is the directory's.
        #expect(throws: WriterLock.Failure.busy(directory: directory, seconds: 0)) {
            try WriterLock(forFileAt: directory + "/b.yaml", timeout: .milliseconds(100)) { waited.append($0) }
        }
        #expect(waited == [directory])
        // Another directory is not held up.
        let other = try TestSupport.temporaryDirectory().path
        #expect(try WriterLock(forFileAt: other + "/a.yaml", timeout: .zero) { waited.append($0) }.held)
        // Released with the first writer.
        first = nil
        let third = try WriterLock(forFileAt: directory + "/b.yaml", timeout: .zero) { waited.append($0) }
        #expect(third.held)
        #expect(waited == [directory])
    }
}
