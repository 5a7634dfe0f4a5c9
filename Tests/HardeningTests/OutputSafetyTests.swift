import Foundation
import TestSupport
import Testing

/// Where results go: a result the user cannot receive is a failure, and nothing but a regular
/// file, named as the user wrote it, is ever replaced.
@Suite struct OutputSafetyTests {
    /// Every command that prints results, to a device that refuses them: exit 2 and a message,
    /// never a silent success.
    @Test(arguments: [
        ["validate", "frameworks/"], ["review", "frameworks/dirac.yaml", "--fail-on", "never"],
        ["review", "frameworks/", "--format", "json", "--fail-on", "never"], ["summary", "frameworks/"],
        ["clauses"], ["init"], ["schema"], ["status"], ["explain", "MUPJ-1"], ["--help"], ["--version"],
    ])
    func aFullStandardOutputIsAFailure(arguments: [String]) throws {
        let run = try TestSupport.mupj(arguments, standardOutput: "/dev/full")
        #expect(run.status == 2, "\(arguments)")
        #expect(run.stderr.hasSuffix("mupj: error: cannot write to standard output: No space left on device\n"))
    }

    @Test func aForcedWriteNeverReplacesAFIFO() throws {
        let directory = try TestSupport.temporaryDirectory()
        let fifo = directory.appendingPathComponent("pipe.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let run = try TestSupport.mupj(["init", "-o", fifo, "--force"])
        #expect(run.status == 2)
        #expect(run.stderr == "\(fifo): error: cannot write: is a FIFO, not a regular file\n")
        var status = stat()
        #expect(stat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
    }

    /// A symbolic link is written through: its target gets the text, the link stays a link.
    @Test func aForcedWriteFollowsASymbolicLink() throws {
        let directory = try TestSupport.temporaryDirectory()
        let target = directory.appendingPathComponent("real.yaml").path
        let link = directory.appendingPathComponent("link.yaml").path
        try "mine\n".write(toFile: target, atomically: true, encoding: .utf8)
        #expect(symlink(target, link) == 0)
        #expect(try TestSupport.mupj(["init", "-o", link]).status == 2)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "mine\n")
        let run = try TestSupport.mupj(["init", "-o", link, "--force"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == TestSupport.mupj(["init"]).stdout)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["link.yaml", "real.yaml"])
    }

    /// A file replaced keeps its mode (here with the set-group-ID bit, which a change of owner
    /// would clear if the mode were set first).
    @Test func aForcedWriteKeepsTheModeOfTheFileReplaced() throws {
        let directory = try TestSupport.temporaryDirectory()
        let path = directory.appendingPathComponent("mine.yaml").path
        try "mine\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(chmod(path, 0o2640) == 0)
        let run = try TestSupport.mupj(["init", "-o", path, "--force"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "wrote \(path)\n")
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_mode & 0o7777 == 0o2640)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == TestSupport.mupj(["init"]).stdout)
    }

    @Test func aPathEndingInASlashIsNotAFile() throws {
        let directory = try TestSupport.temporaryDirectory()
        let run = try TestSupport.mupj(["init", "-o", directory.path + "/new/"])
        #expect(run.status == 2)
        #expect(run.stderr == "\(directory.path)/new/: error: cannot write: names a directory, not a file\n")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/new"))
    }

    /// An output directory that names a file, a device or a path through a file says which part is
    /// in the way, and the file is left as it was.
    @Test func anOutputDirectoryThatIsNotADirectoryIsNamed() throws {
        let directory = try TestSupport.temporaryDirectory()
        let file = directory.path + "/notes.txt"
        try "mine\n".write(toFile: file, atomically: true, encoding: .utf8)
        let cases = [
            (file, "\(file) is a regular file, not a directory"),
            (file + "/deeper", "\(file) is a regular file, not a directory"),
            ("/dev/null", "/dev/null is a device, not a directory"),
        ]
        for (outputDirectory, reason) in cases {
            let run = try TestSupport.mupj([
                "review", "frameworks/dirac.yaml", "--format", "json", "--output-dir", outputDirectory, "--fail-on",
                "never",
            ])
            #expect(run.status == 2, "\(outputDirectory)")
            #expect(run.stderr == "\(outputDirectory)/review.json: error: cannot write: \(reason)\n")
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "mine\n")
    }

    /// `--check` against a directory that is a file, or lies through one, is the error that
    /// writing there would be (exit 2), not a list of missing reports to write.
    @Test func checkingAnOutputDirectoryThatIsAFileIsAnError() throws {
        let directory = try TestSupport.temporaryDirectory()
        let file = directory.appendingPathComponent("notes.txt").path
        try "mine\n".write(toFile: file, atomically: true, encoding: .utf8)
        for (outputDir, message) in [
            (file, "\(file): error: cannot read: is a regular file, not a directory\n"),
            (file + "/reports", "\(file)/reports: error: cannot read: Not a directory\n"),
        ] {
            let run = try TestSupport.mupj(["review", "frameworks/dirac.yaml", "--output-dir", outputDir, "--check"])
            #expect(run.status == 2, "\(outputDir)")
            #expect(run.stderr == message)
        }
        let missing = try TestSupport.mupj([
            "review", "frameworks/dirac.yaml", "--output-dir", directory.path + "/new", "--check", "--fail-on", "never",
        ])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("\(directory.path)/new/review.txt: error: missing report"))
    }

    /// The temporary file beside the target has a short name of its own, so any name the file
    /// system allows can be written.
    @Test func theLongestFileNameCanBeWritten() throws {
        let directory = try TestSupport.temporaryDirectory()
        let path = directory.path + "/" + String(repeating: "b", count: 250) + ".yaml"
        let run = try TestSupport.mupj(["init", "-o", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func anEmptyOutputDirectoryIsAUsageError() throws {
        for command in [["review", "frameworks/"], ["summary", "frameworks/"]] {
            let run = try TestSupport.mupj(command + ["--output-dir", ""])
            #expect(run.status == 2)
            #expect(run.stderr.hasPrefix("Error: --output-dir is empty; name a directory ('.' for this one)\n"))
        }
    }

    /// `--check` reads the report files: one that is a FIFO is named, not opened (which blocked),
    /// and is an error (exit 2), not a stale report.
    @Test func checkNamesAReportThatIsNotARegularFile() throws {
        let directory = try TestSupport.temporaryDirectory()
        let fifo = directory.appendingPathComponent("summary.md").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // Should the FIFO be opened after all, a writer comes after ten seconds: the test then fails
        // on the output instead of hanging.
        DispatchQueue.global().asyncAfter(deadline: .now() + 10) {
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
        }
        let run = try TestSupport.mupj(["summary", "frameworks/", "--output-dir", directory.path, "--check"])
        #expect(run.status == 2)
        #expect(run.stderr == "\(fifo): error: cannot read: is a FIFO, not a regular file\n")
    }

    /// An argument that is not UTF-8 would reach the tool with U+FFFD in it and name another file:
    /// the run is refused and nothing is written.
    @Test func anArgumentThatIsNotUTF8IsRefused() throws {
        let directory = try TestSupport.temporaryDirectory()
        let run = try TestSupport.shell(
            "exec \"$0\" init -o \"$1/$(printf 'f\\377.yaml')\"", TestSupport.binary.path, directory.path)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("mupj: error: argument 3 is not valid UTF-8 ("))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    /// A run ended by a signal while it writes a report leaves no temporary file behind: the test
    /// waits until one is there, then sends SIGTERM. The reports are written side by side, so the
    /// signal often comes while another thread creates its temporary: before the handler waited
    /// for such creations, one run in eight left that file behind (8 of 60 runs of this test), so
    /// the test ends five runs.
    @Test func aSignalLeavesNoTemporaryFile() throws {
        let directory = try TestSupport.temporaryDirectory()
        let inputs = directory.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: false)
        let template = try TestSupport.mupj(["init"]).stdout
        for index in 0..<300 {
            try template.replacingOccurrences(of: "name: ExamplePilot", with: "name: Pilot \(index)").write(
                to: inputs.appendingPathComponent("d\(index).yaml"), atomically: false, encoding: .utf8)
        }
        for round in 0..<5 {
            let output = directory.appendingPathComponent("out\(round)").path
            let process = Process()
            process.executableURL = TestSupport.binary
            process.arguments = ["review", inputs.path, "--output-dir", output, "--fail-on", "never"]
            process.currentDirectoryURL = TestSupport.packageRoot
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            var caught = false
            while process.isRunning && !caught {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
                if names.contains(where: { $0.hasPrefix(".mupj-") && $0.hasSuffix(".tmp") }) {
                    process.terminate()
                    caught = true
                }
            }
            process.waitUntilExit()
            #expect(caught, "round \(round): the run ended before a temporary file was seen")
            #expect(process.terminationReason == .uncaughtSignal)
            #expect(process.terminationStatus == SIGTERM)
            let left = try FileManager.default.contentsOfDirectory(atPath: output).filter { $0.hasPrefix(".") }
            #expect(left.isEmpty, "round \(round): \(left)")
        }
    }
}
