import Foundation
import FrameworkModel
import ReviewEngine
import ReviewRecords
import TestSupport
import Testing
import YAMLDocument

/// Adding an entry to a tracking file through `TrackingFileWriter`, in a directory of the test's
/// own: what is written reads back, and what must not be replaced is not.
@Suite struct TrackingFileWriterTests {
    /// A writer of `review`'s tracking file `named` (a file or a directory), with what it said.
    func writer(_ review: FrameworkReview, _ named: String, wait: Duration = .zero) throws(TrackingFileWriter.Failure)
        -> (TrackingFileWriter, [TrackingFileWriter.Notice])
    {
        var notices: [TrackingFileWriter.Notice] = []
        let writer = try TrackingFileWriter(
            for: review, tracking: named, otherwise: "reviews/tracking", wait: wait, limits: .default
        ) { notices.append($0) }
        return (writer, notices)
    }

    /// The failure `body` ends with, nil when it does not fail.
    func failure(_ body: () throws(TrackingFileWriter.Failure) -> Void) -> TrackingFileWriter.Failure? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    /// The lines of a sign-off by `name` of `review`'s description as it is.
    func signOff(_ review: FrameworkReview, by name: String, in path: String) -> [String] {
        TrackingFileEdit.lines(
            SignOff(
                reviewer: Reviewer(name: name, organisation: "OSG"), date: CalendarDay("2026-01-02")!,
                recommendation: .doNotRecommend, descriptionSHA256: review.sha256, conditions: [], file: path,
                location: .start))
    }

    /// Adds a sign-off by `name`, checking it is the file's last.
    func add(_ writer: TrackingFileWriter, by name: String) throws(TrackingFileWriter.Failure) -> TrackingFile {
        try writer.add([signOff(writer.review, by: name, in: writer.path)], to: "sign_offs") {
            $0.signOffs.last?.reviewer.name == name
        }.file
    }

    func read(_ path: String) throws -> TrackingFile {
        let loaded = TrackingFileLoader.load(try SourceFile.read(path, maxBytes: 1 << 20))
        return try #require(loaded.file, "\(loaded.diagnostics)")
    }

    @Test func aFileIsMadeInTheDirectoryThenFoundThereAndAddedTo() throws {
        let review = try pandaReview()
        let directory = try TestSupport.temporaryDirectory().path
        let (first, said) = try writer(review, directory)
        #expect(first.path == directory + "/" + Paths.slug(review.name) + ".yaml")
        #expect(first.source == nil && first.file == nil && said.isEmpty)
        let made = try add(first, by: "A. Reviewer")
        #expect(made.signOffs.map(\.reviewer.name) == ["A. Reviewer"])
        // The turn is held until the writer is dropped.
        let failed = failure { () throws(TrackingFileWriter.Failure) in
            _ = try writer(review, directory)
        }
        if case .noTurn(.busy(let locked, _)) = failed {
            #expect(locked == directory)
        } else {
            Issue.record("a second writer of the directory had its turn while the first held it")
        }
        _ = consume first
        let (second, _) = try writer(review, directory)
        #expect(second.path == made.path && second.file?.signOffs.count == 1)
        _ = try add(second, by: "B. Reviewer")
        let written = try read(second.path)
        #expect(written.key == FrameworkKey(name: review.name, vo: review.vo))
        #expect(written.signOffs.map(\.reviewer.name) == ["A. Reviewer", "B. Reviewer"])
    }

    @Test func aFileAboutAnotherFrameworkIsRefused() throws {
        let review = try pandaReview()
        let path = try TestSupport.temporaryDirectory().path + "/tracking.yaml"
        let text = TrackingFileEdit.newFile(framework: "Another", vo: "another VO")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let failed = failure { () throws(TrackingFileWriter.Failure) in
            _ = try writer(review, path)
        }
        guard case .refused(let diagnostics) = failed else {
            Issue.record("a file tracking another framework was taken")
            return
        }
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.hasPrefix("this file tracks Another (another VO), not ") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    /// Another reviewer's entry, written between the read and the write, is never lost: the file
    /// is left as the other left it.
    @Test func aFileChangedSinceItWasReadIsNotReplaced() throws {
        let review = try pandaReview()
        let path = try TestSupport.temporaryDirectory().path + "/tracking.yaml"
        try TrackingFileEdit.newFile(framework: review.name, vo: review.vo)
            .write(toFile: path, atomically: true, encoding: .utf8)
        let (writer, _) = try writer(review, path)
        #expect(writer.path == path && writer.file != nil)
        let changed = try String(contentsOfFile: path, encoding: .utf8) + "# another reviewer's note\n"
        try changed.write(toFile: path, atomically: false, encoding: .utf8)
        let failed = failure { () throws(TrackingFileWriter.Failure) in
            _ = try add(writer, by: "A. Reviewer")
        }
        guard case .changed(path) = failed else {
            Issue.record("a file changed since it was read was replaced")
            return
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == changed)
    }

    /// A file made by another between the look that found none and the write is not replaced.
    @Test func aFileMadeSinceItWasFoundMissingIsNotReplaced() throws {
        let review = try pandaReview()
        let directory = try TestSupport.temporaryDirectory().path
        let (writer, _) = try writer(review, directory)
        #expect(writer.source == nil)
        try "theirs\n".write(toFile: writer.path, atomically: true, encoding: .utf8)
        let failed = failure { () throws(TrackingFileWriter.Failure) in
            _ = try add(writer, by: "A. Reviewer")
        }
        guard case .changed(writer.path) = failed else {
            Issue.record("a file made since it was found missing was replaced")
            return
        }
        #expect(try String(contentsOfFile: writer.path, encoding: .utf8) == "theirs\n")
    }
}
