import Foundation
import Glibc
import TestSupport
import Testing
import YAMLDocument

/// Writing a file: what stands at the name of its temporary is never written through, and a file
/// replaced keeps its permissions.
@Suite struct OutputFileTests {
    /// Every name this process gives its temporaries holds a link to a file of someone else's
    /// (planted beforehand, as anyone who can write in the directory could): the write removes
    /// the link, makes its own file, and leaves the other file as it was.
    @Test func aLinkAtATemporarysNameIsNeverWrittenThrough() throws {
        let directory = try TestSupport.temporaryDirectory()
        let victim = directory.appendingPathComponent("victim.txt").path
        try "theirs\n".write(toFile: victim, atomically: true, encoding: .utf8)
        for slot in 0..<64 {
            #expect(symlink(victim, directory.appendingPathComponent(".mupj-\(getpid())-\(slot).tmp").path) == 0)
        }
        let target = directory.appendingPathComponent("mine.txt").path
        try "old\n".write(toFile: target, atomically: true, encoding: .utf8)
        #expect(chmod(target, 0o600) == 0)
        try OutputFile.write("new\n", to: target, replace: true)
        // One of the planted names was the temporary's (else this test tests nothing): its link is
        // gone, replaced by the file made and renamed; the other 63 are as planted.
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(left.count == 63, "\(left)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "theirs\n")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new\n")
        var status = stat()
        #expect(lstat(target, &status) == 0 && status.st_mode & S_IFMT == S_IFREG && status.st_mode & 0o7777 == 0o600)
    }

    /// What could not be kept is said, a warning a line; nothing when all was kept.
    @Test func warningsSayWhatWasNotKept() {
        #expect(OutputFile.Replacement().warnings("f").isEmpty)
        #expect(
            OutputFile.Replacement(otherNames: 2).warnings("f")
                == "f: warning: the file replaced had 2 other names (hard links), which still lead to the old text\n")
        #expect(
            OutputFile.Replacement(ownerKept: false, groupKept: false).warnings("f")
                == "f: warning: the file replaced belonged to another owner and group, which could not be kept; it "
                + "is now yours, without the group's permissions\n")
    }
}
