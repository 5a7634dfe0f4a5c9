import Foundation
import TestSupport
import Testing

/// End to end through the built `mupj` binary: exit codes, where output goes, files written.
@Suite struct ValidateCLITests {
    @Test func validDescriptionsExitZero() throws {
        let run = try TestSupport.mupj(["validate", "frameworks/", "frameworks/examples/"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "6 descriptions checked: 6 valid\n")
        #expect(run.stderr.isEmpty)
    }

    @Test func invalidDescriptionExitsOneWithLocatedErrorsOnStderr() throws {
        let directory = try TestSupport.temporaryDirectory()
        let file = directory.appendingPathComponent("bad.yaml")
        let template = try TestSupport.mupj(["init"]).stdout
        try template.replacingOccurrences(of: "  owner_count: 3", with: "  owner_count: many")
            .replacingOccurrences(of: "    mechanism: glexec", with: "    mechanism: gexec")
            .write(to: file, atomically: true, encoding: .utf8)
        let run = try TestSupport.mupj(["validate", file.path])
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("\(file.path):"))
        #expect(lines[0].contains(": error: expected an integer of at least 0 for 'owner_count'"))
        #expect(lines[1].contains("did you mean 'glexec'?"))
        #expect(run.stdout == "1 description checked: 0 valid, 1 invalid (2 errors)\n")
    }

    @Test func jsonOutputForMachines() throws {
        let run = try TestSupport.mupj(["validate", "--format", "json", "frameworks/panda.yaml"])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["valid"] as? Bool == true)
        let files = object?["files"] as? [[String: Any]]
        #expect(files?.first?["path"] as? String == "frameworks/panda.yaml")
    }

    @Test func unreadableInputExitsTwo() throws {
        let run = try TestSupport.mupj(["validate", "no/such/file.yaml"])
        #expect(run.status == 2)
        #expect(run.stderr == "no/such/file.yaml: error: no such file or directory\n")
    }

    @Test func unreadablePathsSayWhy() throws {
        let directory = try TestSupport.temporaryDirectory()
        let loop = directory.appendingPathComponent("loop.yaml").path
        let dangling = directory.appendingPathComponent("dangling.yaml").path
        #expect(symlink(loop, loop) == 0)
        #expect(symlink(directory.appendingPathComponent("gone.yaml").path, dangling) == 0)
        let run = try TestSupport.mupj(["validate", loop, dangling])
        #expect(run.status == 2)
        #expect(
            run.stderr == "\(loop): error: cannot read the path: Too many levels of symbolic links\n"
                + "\(dangling): error: is a symbolic link to a file that does not exist\n")
    }

    /// A directory's entries that are not regular files are named, not read: opening a FIFO that no
    /// one writes would block for ever. The valid description beside them is still checked.
    @Test func directoryEntriesThatAreNotRegularFilesAreNamedNotRead() throws {
        let directory = try TestSupport.temporaryDirectory()
        let fifo = directory.appendingPathComponent("pipe.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("sub.yaml"), withIntermediateDirectories: false)
        try TestSupport.mupj(["init"]).stdout.write(
            to: directory.appendingPathComponent("ok.yaml"), atomically: true, encoding: .utf8)
        // Should the FIFO be opened after all, a writer comes after ten seconds and the test fails on
        // the output instead of hanging.
        DispatchQueue.global().asyncAfter(deadline: .now() + 10) {
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
        }
        let run = try TestSupport.mupj(["validate", directory.path])
        #expect(run.status == 2)
        let rule = "in a directory only regular files are read (name it on the command line to read it)"
        #expect(
            run.stderr == "\(directory.path)/pipe.yaml: error: is a FIFO; \(rule)\n"
                + "\(directory.path)/sub.yaml: error: is a directory; \(rule)\n")
        #expect(run.stdout == "1 description checked: 1 valid, 2 unreadable\n")
    }

    /// A file named twice (once through its directory) is read once, with a warning: read twice, a
    /// description would be reviewed and shown to the MB twice, and a catalog would collide with
    /// itself.
    @Test func aFileNamedTwiceIsReadOnce() throws {
        let run = try TestSupport.mupj(["validate", "frameworks/", "./frameworks/panda.yaml"])
        #expect(run.status == 0)
        #expect(run.stdout == "4 descriptions checked: 4 valid\n")
        #expect(
            run.stderr
                == "./frameworks/panda.yaml: warning: the same file as frameworks/panda.yaml, named before; it is read once\n"
        )
        let summary = try TestSupport.mupj([
            "summary", "frameworks/panda.yaml", "frameworks/panda.yaml", "--format", "json",
        ])
        let frameworks = try #require(
            (try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])?["frameworks"]
                as? [Any])
        #expect(frameworks.count == 1)
        let review = try TestSupport.mupj([
            "review", "frameworks/panda.yaml", "--checklist", "checklists", "--checklist",
            "checklists/jspg-mupj-v1.0.yaml", "--fail-on", "never",
        ])
        #expect(review.status == 0, "\(review.stderr)")
    }

    /// `MUPJ_CHECKLISTS` names the catalogs when it is set and not empty; empty, it is as if unset.
    @Test func catalogDirectoryFromTheEnvironment() throws {
        let elsewhere = try TestSupport.temporaryDirectory()
        let run = try TestSupport.mupj(
            ["clauses"], in: elsewhere, environment: ["MUPJ_CHECKLISTS": TestSupport.path("checklists")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("MUPJ-1"))
        let empty = try TestSupport.mupj(["clauses"], environment: ["MUPJ_CHECKLISTS": ""])
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stdout == run.stdout)
        // Empty, and no ./checklists where it is run: the catalogs built into mupj, the same ones.
        let builtIn = try TestSupport.mupj(["clauses"], in: elsewhere, environment: ["MUPJ_CHECKLISTS": ""])
        #expect(builtIn.status == 0, "\(builtIn.stderr)")
        #expect(builtIn.stdout == run.stdout)
        // A catalog named and missing is an error of its own: no note about the default is added.
        let named = try TestSupport.mupj(["clauses", "--checklist", "nowhere.yaml"], in: elsewhere)
        #expect(named.status == 2)
        #expect(named.stderr.hasPrefix("nowhere.yaml: error: no such file or directory\n"))
        #expect(!named.stderr.contains("note:"))
    }

    /// A YAML string may hold any character (`"\e[2J"` clears a terminal); messages quote what the
    /// file said, and show control characters instead of sending them.
    @Test func diagnosticsShowControlCharacters() throws {
        let directory = try TestSupport.temporaryDirectory()
        let file = directory.appendingPathComponent("esc.yaml")
        try "format: mupj/1\n\"x\\e[2J\": 1\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try TestSupport.mupj(["validate", file.path])
        #expect(run.status == 1)
        #expect(!run.stderr.unicodeScalars.contains("\u{1B}"))
        #expect(run.stderr.contains("x\\u{1b}[2J"), "\(run.stderr)")
    }

    /// `-` is standard input, named `/dev/stdin` in diagnostics and reports; through a pipe the
    /// command says nothing more (the note that it waits for typing is for a terminal).
    @Test func aDashReadsStandardInput() throws {
        let description = try String(contentsOfFile: TestSupport.path("frameworks/panda.yaml"), encoding: .utf8)
        let valid = try TestSupport.mupj(["validate", "-"], stdin: description)
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(valid.stdout == "1 description checked: 1 valid\n")
        #expect(valid.stderr.isEmpty)

        let invalid = try TestSupport.mupj(["validate", "-"], stdin: "name: x\nvo: [\n")
        #expect(invalid.status == 1)
        #expect(invalid.stderr.hasPrefix("/dev/stdin:3:1: error: "), "\(invalid.stderr)")

        let review = try TestSupport.mupj(
            ["review", "-", "--format", "json", "--fail-on", "never"], stdin: description)
        #expect(review.status == 0, "\(review.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(review.stdout.utf8)) as? [String: Any]
        let framework = (report?["frameworks"] as? [[String: Any]])?.first
        #expect(framework?["file"] as? String == "/dev/stdin")
        #expect(framework?["name"] as? String == "PanDA")
    }

    @Test func usageErrorExitsTwo() throws {
        #expect(try TestSupport.mupj(["validate"]).status == 2)
        #expect(try TestSupport.mupj(["review", "--fail-on", "severe", "frameworks/"]).status == 2)
        #expect(try TestSupport.mupj(["no-such-command"]).status == 2)
    }

    /// A misspelt command is named, with the nearest one; the hidden `bench` is never offered,
    /// and a command's own usage errors keep the parser's message.
    @Test func anUnknownCommandIsNamedWithTheNearest() throws {
        let commands = "validate, review, explain, clauses, summary, status, judge, sign-off, init, schema"
        let usage = "Usage: mupj <subcommand>\n  See 'mupj --help' for more information.\n"
        let typo = try TestSupport.mupj(["reveiw", "frameworks/"])
        #expect(typo.status == 2)
        #expect(typo.stderr == "Error: unknown command 'reveiw'; did you mean 'review'?\n" + usage)
        let far = try TestSupport.mupj(["frameworks/alien.yaml"])
        #expect(far.status == 2)
        #expect(far.stderr == "Error: unknown command 'frameworks/alien.yaml'; the commands are \(commands)\n" + usage)
        let hidden = try TestSupport.mupj(["bnch"])
        #expect(hidden.stderr == "Error: unknown command 'bnch'; the commands are \(commands)\n" + usage)
        let help = try TestSupport.mupj(["help", "revew"])
        #expect(help.status == 2)
        #expect(help.stderr == "Error: unknown command 'revew'; did you mean 'review'?\n" + usage)
        #expect(help.stdout.isEmpty)
        let known = try TestSupport.mupj(["help", "review"])
        #expect(known.status == 0)
        #expect(known.stdout.hasPrefix("OVERVIEW: Evaluate framework descriptions"))
        let own = try TestSupport.mupj(["review", "--fromat", "json", "frameworks/"])
        #expect(own.status == 2)
        #expect(own.stderr.hasPrefix("Error: Unknown option '--fromat'. Did you mean '--format'?\n"))
    }

    /// Small mistakes of usage, each told for what it is.
    @Test func smallMistakesOfUsageAreToldForWhatTheyAre() throws {
        let cases: [([String], Int32, String)] = [
            (
                ["init", "-o", ""], 2,
                "Error: --output is empty; name a file, or give - (or no --output) for standard output\n"
            ),
            (["validate", ""], 2, "'': error: an empty path names no file\n"),
            (["review", "frameworks/dirac.yaml", "--tracking", ""], 2, "'': error: an empty path names no file\n"),
            (
                ["review", "frameworks/dirac.yaml", "--format", "json", "--format", "json", "--output-dir", "x"], 2,
                "Error: --format json is given twice\n"
            ),
            (
                ["explain", "pre-1"], 2,
                "error: PRE-1 is an MB prerequisite, not a clause; mupj status shows it, decided from the status file\n"
            ),
        ]
        for (arguments, status, stderr) in cases {
            let run = try TestSupport.mupj(arguments)
            #expect(run.status == status, "\(arguments)")
            #expect(run.stderr.hasPrefix(stderr), "\(arguments): \(run.stderr)")
        }
        let dash = try TestSupport.mupj(["init", "-o", "-"])
        #expect(dash.status == 0)
        #expect(dash.stdout == (try TestSupport.mupj(["init"])).stdout)
        #expect(!FileManager.default.fileExists(atPath: TestSupport.packageRoot.appendingPathComponent("-").path))
        let twice = try TestSupport.mupj(
            ["validate", "-", "-"],
            stdin: try String(contentsOfFile: TestSupport.path("frameworks/dirac.yaml"), encoding: .utf8))
        #expect(twice.status == 0, "\(twice.stderr)")
        #expect(twice.stderr == "/dev/stdin: warning: standard input (-) is named twice; it is read once\n")
    }

    @Test func yamlErrorsAreLocated() throws {
        let directory = try TestSupport.temporaryDirectory()
        let file = directory.appendingPathComponent("bomb.yaml")
        try
            "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let run = try TestSupport.mupj(["validate", file.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(file.path):4:"))
        #expect(run.stderr.contains("alias"))
    }
}

@Suite struct InitCLITests {
    @Test func templateRoundTripsThroughValidate() throws {
        let directory = try TestSupport.temporaryDirectory()
        let file = directory.appendingPathComponent("new.yaml").path
        let first = try TestSupport.mupj(["init", "-o", file])
        #expect(first.status == 0)
        #expect(try TestSupport.mupj(["validate", file]).status == 0)
        let printed = try TestSupport.mupj(["init"]).stdout
        #expect(try String(contentsOfFile: file, encoding: .utf8) == printed)
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        let directory = try TestSupport.temporaryDirectory()
        let file = directory.appendingPathComponent("mine.yaml").path
        try "my own work\n".write(toFile: file, atomically: true, encoding: .utf8)
        let refused = try TestSupport.mupj(["init", "-o", file])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("use --force"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "my own work\n")
        #expect(try TestSupport.mupj(["init", "-o", file, "--force"]).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == TestSupport.mupj(["init"]).stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["mine.yaml"])
    }

    /// A link to nothing at the output is said to be one at once, with or without --force (it said
    /// "use --force", which then failed), and is left as it is.
    @Test func aDanglingLinkAsTheOutputIsSaidToBeOne() throws {
        let directory = try TestSupport.temporaryDirectory()
        let link = directory.appendingPathComponent("link.yaml").path
        let gone = directory.appendingPathComponent("gone.yaml").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: gone)
        for force in [[], ["--force"]] {
            let run = try TestSupport.mupj(["init", "-o", link] + force)
            #expect(run.status == 2)
            #expect(
                run.stderr == "\(link): error: cannot write: is a symbolic link to a file that does not exist\n",
                "\(force)")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == gone)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["link.yaml"])
        }
    }

    /// A directory named as the file is never replaced, so the error does not suggest `--force`.
    @Test func aDirectoryNamedAsTheOutputIsRefusedForWhatItIs() throws {
        let directory = try TestSupport.temporaryDirectory()
        for extra in [[], ["--force"]] {
            let run = try TestSupport.mupj(["init", "-o", directory.path] + extra)
            #expect(run.status == 2)
            #expect(run.stderr == "\(directory.path): error: cannot write: is a directory, not a regular file\n")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    /// A new file in a directory that does not exist yet: the directory is made, and no
    /// temporary file is left beside the result.
    @Test func writesIntoNewDirectoriesLeavingNothingElse() throws {
        let directory = try TestSupport.temporaryDirectory()
        let file = directory.appendingPathComponent("new/sub/framework.yaml").path
        let run = try TestSupport.mupj(["init", "-o", file])
        #expect(run.status == 0, "\(run.stderr)")
        let listing = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/new/sub")
        #expect(listing == ["framework.yaml"])
        #expect(try TestSupport.mupj(["validate", file]).status == 0)
    }
}

@Suite struct GeneralCLITests {
    @Test func versionAndHelp() throws {
        let version = try TestSupport.mupj(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.wholeMatch(of: /[0-9]+\.[0-9]+\.[0-9]+\n/) != nil, "\(version.stdout)")
        for command in [
            "validate", "review", "explain", "clauses", "init", "schema", "status", "summary", "judge", "sign-off",
        ] {
            let help = try TestSupport.mupj([command, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("Example"), "\(command) --help has no example")
            #expect(help.stdout.contains("Exit codes: 0 "), "\(command) --help does not give its exit codes")
        }
    }

    @Test func completionScripts() throws {
        for shell in ["bash", "zsh", "fish"] {
            let run = try TestSupport.mupj(["--generate-completion-script", shell])
            #expect(run.status == 0)
            #expect(run.stdout.contains("validate"))
        }
    }

    @Test func schemaIsJSON() throws {
        let run = try TestSupport.mupj(["schema"])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }
}

@Suite struct ReviewCLITests {
    @Test func failOnDecidesTheExitCode() throws {
        let mistakes = "frameworks/examples/common-mistakes.yaml"
        #expect(try TestSupport.mupj(["review", mistakes]).status == 1)
        #expect(try TestSupport.mupj(["review", mistakes, "--fail-on", "never"]).status == 0)
        #expect(try TestSupport.mupj(["review", "frameworks/examples/model-pilot.yaml"]).status == 0)
    }

    /// The model pilot with one fact changed: `answer` for whether the VO hands its documents to
    /// sites that ask (MUPJ-10, a clause of medium severity).
    static func modelPilot(onRequest answer: String) throws -> String {
        let model = try String(
            contentsOf: TestSupport.packageRoot.appendingPathComponent("frameworks/examples/model-pilot.yaml"),
            encoding: .utf8)
        let changed = model.replacingOccurrences(
            of: "    available_on_request: true\n", with: "    available_on_request: \(answer)\n")
        #expect(changed != model)
        let path = try TestSupport.temporaryDirectory().appendingPathComponent("model.yaml").path
        try changed.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A violated finding at or above --fail-on exits 1, one below it 0, on every way a review is
    /// written (streamed, rendered to standard output, into a directory, checked); an open
    /// question counts at no threshold.
    @Test func failOnIsAThreshold() throws {
        let medium = try Self.modelPilot(onRequest: "false")
        for (threshold, status) in [("low", 1), ("medium", 1), ("high", 0), ("critical", 0), ("never", 0)] {
            for format in ["text", "json", "sarif", "markdown"] {
                let run = try TestSupport.mupj(["review", medium, "--format", format, "--fail-on", threshold])
                #expect(run.status == Int32(status), "\(threshold), \(format): \(run.stderr)")
            }
        }
        #expect(try TestSupport.mupj(["review", medium]).status == 0, "the default is high")
        let directory = try TestSupport.temporaryDirectory().path
        let written = try TestSupport.mupj(["review", medium, "--output-dir", directory, "--fail-on", "medium"])
        #expect(written.status == 1, "\(written.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory + "/review.json"), "written all the same")
        let checked = try TestSupport.mupj([
            "review", medium, "--output-dir", directory, "--check", "--fail-on", "medium",
        ])
        #expect(checked.status == 1, "\(checked.stderr)")
        #expect(checked.stdout.hasSuffix("are up to date\n"), "\(checked.stdout)")
        let unknown = try Self.modelPilot(onRequest: "unknown")
        let open = try TestSupport.mupj(["review", unknown, "--format", "json", "--fail-on", "low"])
        #expect(open.status == 0, "\(open.stderr)")
        // What the threshold passed over is the open question on MUPJ-10, and nothing is violated.
        let report = try JSONSerialization.jsonObject(with: Data(open.stdout.utf8)) as? [String: Any]
        let clauses = (report?["frameworks"] as? [[String: Any]])?.first?["clauses"] as? [[String: Any]] ?? []
        let findings = clauses.flatMap { $0["findings"] as? [[String: Any]] ?? [] }
        let rules = { (status: String) in
            findings.filter { $0["status"] as? String == status }.compactMap { $0["rule"] as? String }
        }
        #expect(rules("violated").isEmpty)
        #expect(rules("needs-information") == ["MUPJ-10/on-request"])
    }

    @Test func noColourWhenNotATerminal() throws {
        let run = try TestSupport.mupj(["review", "frameworks/examples/common-mistakes.yaml"])
        #expect(!run.stdout.contains("\u{1B}["))
        #expect(run.stdout.contains("violated          MUPJ-6"))
    }

    @Test func jsonReportIsComplete() throws {
        let run = try TestSupport.mupj(["review", "frameworks/examples/common-mistakes.yaml", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "mupj-report/1")
        let framework = try #require((object["frameworks"] as? [[String: Any]])?.first)
        #expect(framework["name"] as? String == "Shortcut")
        let clauses = try #require(framework["clauses"] as? [[String: Any]])
        let mupj6 = try #require(clauses.first { $0["clause"] as? String == "MUPJ-6" })
        #expect(mupj6["status"] as? String == "violated")
    }

    /// Finding ids are made from the VO and the name, and the MB reads one verdict per framework:
    /// two descriptions of one framework (a draft beside the file) are refused, with the first named.
    @Test func twoDescriptionsOfOneFrameworkAreRefused() throws {
        let directory = try TestSupport.temporaryDirectory()
        let draft = directory.appendingPathComponent("dirac-draft.yaml").path
        let text = try String(contentsOfFile: TestSupport.path("frameworks/dirac.yaml"), encoding: .utf8)
        try text.replacingOccurrences(of: "  name: DIRAC", with: "  name: dirac")
            .write(toFile: draft, atomically: true, encoding: .utf8)
        // The name's value, located however the file's header grows.
        let line =
            try #require(
                text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "  name: DIRAC" }) + 1
        for command in ["review", "summary"] {
            let run = try TestSupport.mupj([command, "frameworks/dirac.yaml", draft])
            #expect(run.status == 1)
            #expect(run.stdout.isEmpty)
            #expect(
                run.stderr.hasPrefix(
                    "\(draft):\(line):9: error: frameworks/dirac.yaml already describes dirac (LHCb); a review takes one "
                        + "description per framework\n"), "\(run.stderr)")
        }
    }

    /// Two frameworks whose VO and name join to the same `VO/name` (`C` of `A/B`, `B/C` of `A`) are
    /// two frameworks: both are reviewed, and no finding id of one is an id of the other.
    @Test func frameworksWhoseNamesJoinAlikeAreTwo() throws {
        let directory = try TestSupport.temporaryDirectory()
        let text = try String(contentsOfFile: TestSupport.path("frameworks/dirac.yaml"), encoding: .utf8)
        var paths: [String] = []
        for (vo, name) in [("A/B", "C"), ("A", "B/C")] {
            let path = directory.appendingPathComponent("\(paths.count).yaml").path
            try text.replacingOccurrences(of: "  name: DIRAC\n  vo: LHCb\n", with: "  name: \(name)\n  vo: \(vo)\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let run = try TestSupport.mupj(["review", "--format", "json", "--fail-on", "never"] + paths)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let frameworks = try #require(report["frameworks"] as? [[String: Any]])
        #expect(frameworks.map { $0["vo"] as? String } == ["A/B", "A"])
        let ids = frameworks.map { framework in
            Set(
                ((framework["clauses"] as? [[String: Any]]) ?? []).flatMap { clause in
                    ((clause["findings"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
                })
        }
        #expect(ids[0].count > 40 && ids[0].count == ids[1].count)
        #expect(ids[0].isDisjoint(with: ids[1]))
    }

    @Test func invalidDescriptionStopsTheReview() throws {
        let directory = try TestSupport.temporaryDirectory()
        let file = directory.appendingPathComponent("bad.yaml")
        try "format: mupj/1\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try TestSupport.mupj(["review", file.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("missing required field 'framework'"))
        #expect(run.stdout.isEmpty)
    }

    /// JSON and text on standard output are written one framework at a time; they must be the
    /// very bytes of the same report rendered whole into --output-dir.
    @Test func streamedReportsEqualWholeReports() throws {
        let directory = try TestSupport.temporaryDirectory().path
        let inputs = ["frameworks/", "frameworks/examples/"]
        for (format, file) in [("json", "review.json"), ("text", "review.txt")] {
            let whole = try TestSupport.mupj(
                ["review"] + inputs + ["--format", format, "--output-dir", directory, "--fail-on", "never"])
            #expect(whole.status == 0, "\(whole.stderr)")
            let streamed = try TestSupport.mupj(["review"] + inputs + ["--format", format])
            #expect(streamed.status == 1, "a high-severity violation is found: \(streamed.stderr)")
            let written = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            #expect(streamed.stdout == written, "\(format)")
            #expect(written.contains("Shortcut") && written.contains("PanDA"))
        }
    }

    /// Every description is checked before the first framework is written: one invalid file
    /// among valid ones still means no report at all.
    @Test func anInvalidDescriptionAfterValidOnesMeansNoOutput() throws {
        let directory = try TestSupport.temporaryDirectory()
        let file = directory.appendingPathComponent("zz-bad.yaml")
        try "format: mupj/1\n".write(to: file, atomically: true, encoding: .utf8)
        for format in ["json", "text"] {
            let run = try TestSupport.mupj(["review", "frameworks/panda.yaml", file.path, "--format", format])
            #expect(run.status == 1)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("\(file.path):1:1: error: missing required field 'framework'"))
        }
    }

    @Test func sourceDateEpochDatesTheReport() throws {
        let dated = try TestSupport.mupj(
            ["review", "frameworks/panda.yaml", "--format", "json", "--fail-on", "never"],
            environment: ["SOURCE_DATE_EPOCH": "1259020800"])
        #expect(dated.stdout.contains("\"date\": \"2009-11-24\""))
        let bad = try TestSupport.mupj(
            ["review", "frameworks/panda.yaml", "--format", "json"], environment: ["SOURCE_DATE_EPOCH": "soon"])
        #expect(bad.status == 2)
        #expect(
            bad.stderr.hasPrefix(
                "Error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, got 'soon'\n"
                    + "Usage: mupj review "))
        // judge dates its entry from it: the usage shown is judge's too.
        let judge = try TestSupport.mupj(
            [
                "judge", "cdf8a97b29b13027", "--framework", "frameworks/examples/common-mistakes.yaml", "--as",
                "confirmed", "--because", "x", "--by", "A", "--organisation", "OSG", "--tracking",
                "/nonexistent/t.yaml",
            ], environment: ["SOURCE_DATE_EPOCH": "soon"])
        #expect(judge.status == 2)
        #expect(judge.stderr.contains("got 'soon'\nUsage: mupj judge "), "\(judge.stderr)")
        let explicit = try TestSupport.mupj(["review", "frameworks/panda.yaml", "--date", "2009-02-30"])
        #expect(explicit.status == 2)
        // A usage error of the command: the usage shown is the command's, not the tool's.
        #expect(
            explicit.stderr.hasPrefix("Error: --date takes a date YYYY-MM-DD, got '2009-02-30'\nUsage: mupj review "))
        // The date is checked before anything is read: a run with its reports on standard output
        // or in a directory says so first, not after every other problem.
        let directory = try TestSupport.temporaryDirectory().path
        for extra in [["--format", "json"], ["--output-dir", directory]] {
            let first = try TestSupport.mupj(["review", "/nonexistent/x.yaml", "--date", "2009-02-30"] + extra)
            #expect(first.status == 2)
            #expect(first.stderr.hasPrefix("Error: --date takes a date YYYY-MM-DD"), "\(extra): \(first.stderr)")
        }
    }

    /// A catalog's examples are run when it is loaded: one that does not give its stated status is
    /// a located error, and the catalog is not used.
    @Test func aCatalogWhoseExampleFailsIsRefused() throws {
        let directory = try TestSupport.temporaryDirectory()
        let catalog = directory.appendingPathComponent("wrong.yaml")
        // The second example states the opposite of what the check gives on the same fragment.
        try """
        catalog: wrong
        title: Wrong
        document: {title: W, reference: W, version: "1"}
        clauses:
          - id: W-1
            title: Records are kept
            paraphrase: Records are kept for 90 days.
            subject: [framework]
            source: {document: W, version: "1", section: "1"}
            severity: high
            rationale: R.
            recommendation: Keep them.
            checks:
              - {id: days, title: 90 days, require: {field: traceability.retention_days, at_least: 90}}
            examples:
              - {expect: violated, description: {traceability: {retention_days: 1}}}
              - {expect: satisfied, description: {traceability: {retention_days: 1}}}

        """.write(to: catalog, atomically: true, encoding: .utf8)
        for command in [["clauses"], ["review", "frameworks/panda.yaml"], ["explain", "W-1"]] {
            let run = try TestSupport.mupj(command + ["--checklist", catalog.path])
            #expect(run.status == 2, "\(command)")
            #expect(
                run.stderr
                    == "\(catalog.path):17:9: error: example 2 of W-1 expects satisfied, but the checks give violated: "
                    + "expected `traceability.retention_days` is at least 90, found 1 (line 17).\n"
                    + "error: the catalogs could not be loaded, and nothing was done\n", "\(command)")
        }
    }

    /// A prerequisite catalog's examples are run when it is loaded too.
    @Test func aPrerequisiteCatalogWhoseExampleFailsIsRefused() throws {
        let shipped = try String(contentsOfFile: TestSupport.path("checklists/mb-prerequisites.yaml"), encoding: .utf8)
        // PRE-1's second example, EGEE's review alone, stated as met.
        let second = "      - expect: partly-met\n        note: Only EGEE has reviewed; the OSG review is missing."
        #expect(shipped.contains(second))
        let catalog = try TestSupport.temporaryDirectory().appendingPathComponent("pre.yaml")
        try shipped.replacingOccurrences(of: second, with: second.replacingOccurrences(of: "partly-met", with: "met"))
            .write(to: catalog, atomically: true, encoding: .utf8)
        let line = shipped[..<shipped.range(of: second)!.lowerBound].filter { $0 == "\n" }.count + 1
        let run = try TestSupport.mupj(["status", "--checklist", catalog.path])
        #expect(run.status == 2)
        #expect(
            run.stderr
                == "\(catalog.path):\(line):9: error: example 2 of PRE-1 expects met, but the status gives partly met: "
                + "1 of 2 positive security reviews of gLExec; outstanding: OSG\n"
                + "error: the catalogs could not be loaded, and nothing was done\n")
    }

    @Test func catalogErrorsExitTwo() throws {
        let directory = try TestSupport.temporaryDirectory()
        let catalog = directory.appendingPathComponent("bad-catalog.yaml")
        try "catalog: x\n".write(to: catalog, atomically: true, encoding: .utf8)
        let run = try TestSupport.mupj(["review", "frameworks/panda.yaml", "--checklist", catalog.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(catalog.path):1:1: error: missing required field 'title'"))
    }

    @Test func outputDirectoryAndDriftCheck() throws {
        let directory = try TestSupport.temporaryDirectory().path
        let write = try TestSupport.mupj(["review", "frameworks/", "--output-dir", directory, "--fail-on", "never"])
        #expect(write.status == 0, "\(write.stderr)")
        let check = try TestSupport.mupj([
            "review", "frameworks/", "--output-dir", directory, "--check", "--fail-on", "never",
        ])
        #expect(check.status == 0, "\(check.stderr)")
        let json = directory + "/review.json"
        try "stale\n".write(toFile: json, atomically: true, encoding: .utf8)
        let stale = try TestSupport.mupj([
            "review", "frameworks/", "--output-dir", directory, "--check", "--fail-on", "never",
        ])
        #expect(stale.status == 1)
        // Written over by hand: not as mupj left it, so writing it again takes --force.
        #expect(
            stale.stderr == "\(json): error: stale report, and changed since mupj wrote it (or not written by mupj); "
                + "regenerate it with --force, which replaces it\n")
        #expect(try String(contentsOfFile: json, encoding: .utf8) == "stale\n")
        // A report that is not there is named as missing, not stale.
        try FileManager.default.removeItem(atPath: json)
        let missing = try TestSupport.mupj([
            "review", "frameworks/", "--output-dir", directory, "--check", "--fail-on", "never",
        ])
        #expect(missing.status == 1)
        #expect(missing.stderr == "\(json): error: missing report; write it with the same command without --check\n")
        #expect(!FileManager.default.fileExists(atPath: json))
    }

    @Test func explainTracesADecision() throws {
        let run = try TestSupport.mupj(["explain", "mupj-6", "--framework", "frameworks/examples/common-mistakes.yaml"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("MUPJ-6: Local authorisation decisions are respected"))
        #expect(run.stdout.contains("Decision for frameworks/examples/common-mistakes.yaml: MUPJ-6 is violated"))
        #expect(run.stdout.contains("payload_execution.identity_switching.on_exit_code.203 = run-as-pilot"))
        #expect(try TestSupport.mupj(["explain", "MUPJ-99"]).status == 2)
    }

    /// A description that cannot be read, or is invalid, gets its errors alone: no explanation
    /// is printed without the trace that was asked for.
    @Test func explainPrintsNothingForADescriptionItCannotUse() throws {
        let missing = try TestSupport.mupj(["explain", "MUPJ-6", "--framework", "no/such.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "no/such.yaml: error: no such file or directory\n")
        #expect(missing.stdout.isEmpty)
        let directory = try TestSupport.temporaryDirectory()
        let invalid = directory.appendingPathComponent("invalid.yaml").path
        try "format: mupj/1\n".write(toFile: invalid, atomically: true, encoding: .utf8)
        let run = try TestSupport.mupj(["explain", "MUPJ-6", "--framework", invalid])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(invalid):1:1: error: missing required field"))
        #expect(run.stdout.isEmpty)
        // judge and sign-off, which review the description first, refuse it the same way.
        for command in [
            ["judge", "0000000000000001", "--as", "confirmed", "--because", "x"],
            ["sign-off", "--recommend", "recommend"],
        ] {
            let refused = try TestSupport.mupj(
                command + [
                    "--framework", invalid, "--tracking", directory.path + "/t.yaml", "--by", "A", "--organisation",
                    "OSG",
                ])
            #expect(refused.status == 1, "\(command[0]): \(refused.stderr)")
            #expect(refused.stderr.contains("\(invalid):1:1: error: missing required field"), "\(command[0])")
            #expect(!FileManager.default.fileExists(atPath: directory.path + "/t.yaml"))
        }
    }

    @Test func anUnknownClauseIsNamedWithTheKnownOnes() throws {
        let run = try TestSupport.mupj(["explain", "MUPJ-99"])
        #expect(run.status == 2)
        let known = (1...10).map { "MUPJ-\($0)" } + (1...6).map { "VO-\($0)" }
        #expect(run.stderr == "error: no clause 'MUPJ-99'; known clauses: \(known.joined(separator: ", "))\n")
    }

    /// A status file without a date has no day to report on: it needs --as-of (exit 1, as any
    /// status file that cannot be used).
    @Test func anUndatedStatusFileNeedsAnAsOf() throws {
        let directory = try TestSupport.temporaryDirectory()
        let file = directory.appendingPathComponent("status.yaml").path
        try "format: mupj-status/1\n".write(toFile: file, atomically: true, encoding: .utf8)
        let run = try TestSupport.mupj(["status", "--status-file", file])
        #expect(run.status == 1)
        #expect(run.stderr == "\(file): error: the status file has no dates; give --as-of\n")
        let dated = try TestSupport.mupj(["status", "--status-file", file, "--as-of", "2009-11-24"])
        #expect(dated.status == 0, "\(dated.stderr)")
    }

    @Test func clausesTable() throws {
        let run = try TestSupport.mupj(["clauses"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ID") == true)
        #expect(lines.contains { $0.hasPrefix("MUPJ-10") && $0.contains("CERN EDMS 855383 v1.0, clause 10") })
    }
}

@Suite struct SummaryCLITests {
    @Test func summaryCarriesVerdictsPrerequisitesAndProvenance() throws {
        let run = try TestSupport.mupj(["summary", "frameworks/"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("| DIRAC (LHCb) | **do not recommend** (pending sign-off) |"))
        #expect(run.stdout.contains("| PRE-3: gLExec tested with the common batch systems | partly met |"))
        #expect(run.stdout.contains("**Can the policy come into effect?** On 2010-04-06 the policy is not in effect"))
        #expect(run.stdout.contains("- status file `reviews/prerequisites.yaml`: `"))
    }

    @Test func asOfMovesThePrerequisitesDay() throws {
        let run = try TestSupport.mupj(["summary", "frameworks/", "--as-of", "2007-12-07"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("On 2007-12-07 the policy is not in effect"))
        #expect(run.stdout.contains("| PRE-3: gLExec tested with the common batch systems | not met |"))
    }

    @Test func anExceptionWindowIsListedWithTheGateOnItsDays() throws {
        let run = try TestSupport.mupj(["summary", "frameworks/", "--as-of", "2010-01-15"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout.contains(
                "- the MB recorded on 2009-11-24 that the policy was not in effect\n- exception window "
                    + "no-identity-switching-2009-12 (2009-12-01 to 2010-02-28) applies, suspending identity-switching, "
                    + "on these conditions:\n  - the whole VO is answerable for problems\n"))
        // After it, the window is named as ended, not as one that applies.
        let after = try TestSupport.mupj(["summary", "frameworks/", "--as-of", "2010-03-01"])
        #expect(!after.stdout.contains(") applies"))
        #expect(
            after.stdout.contains(
                "- exception window no-identity-switching-2009-12 (2009-12-01 to 2010-02-28) has ended, and no later "
                    + "one is on file\n"))
    }

    @Test func missingExplicitStatusFileIsAnError() throws {
        let run = try TestSupport.mupj(["summary", "frameworks/", "--status-file", "no/such.yaml"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no/such.yaml: error: no such file"))
    }

    /// The default status file may be missing (the summary says the prerequisites were not
    /// assessed); the same path named with --status-file may not, nor a link at the default's place
    /// that leads nowhere.
    @Test func onlyTheDefaultStatusFileMayBeMissing() throws {
        let project = try TestSupport.temporaryDirectory()
        let framework = TestSupport.path("frameworks/examples/model-pilot.yaml")
        let implicit = try TestSupport.mupj(["summary", framework], in: project)
        #expect(implicit.status == 0, "\(implicit.stderr)")
        #expect(implicit.stdout.contains("Not assessed"))
        let named = try TestSupport.mupj(
            ["summary", framework, "--status-file", "reviews/prerequisites.yaml"], in: project)
        #expect(named.status == 2)
        #expect(named.stderr.hasPrefix("reviews/prerequisites.yaml: error: no such file or directory"))
        try FileManager.default.createDirectory(
            at: project.appendingPathComponent("reviews"), withIntermediateDirectories: true)
        #expect(symlink("gone.yaml", project.appendingPathComponent("reviews/prerequisites.yaml").path) == 0)
        let dangling = try TestSupport.mupj(["summary", framework], in: project)
        #expect(dangling.status == 2)
        #expect(dangling.stderr.contains("reviews/prerequisites.yaml: error: "))
    }

    /// `review` reads --status-file and --as-of only for the MB summary of the full report set;
    /// given where no summary is made, they are refused rather than passed over.
    @Test func statusOptionsWithoutASummaryAreAUsageError() throws {
        let directory = try TestSupport.temporaryDirectory().path
        for arguments in [
            ["--status-file", "reviews/prerequisites.yaml"], ["--as-of", "2009-11-25"],
            ["--as-of", "2009-11-25", "--output-dir", directory, "--format", "html"],
        ] {
            let run = try TestSupport.mupj(["review", "frameworks/dirac.yaml"] + arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(
                run.stderr.hasPrefix(
                    "Error: --status-file and --as-of are for the MB summary, which review writes only with "
                        + "--output-dir and no --format (or use mupj summary)\n"), "\(arguments)")
        }
        let full = try TestSupport.mupj([
            "review", "frameworks/dirac.yaml", "--as-of", "2009-11-25", "--output-dir", directory, "--fail-on", "never",
        ])
        #expect(full.status == 0, "\(full.stderr)")
        #expect(try String(contentsOfFile: directory + "/summary.md", encoding: .utf8).contains("2009-11-25"))
    }

    /// Another of mupj's files given as a description, or kept in the descriptions' directory, is
    /// named for what it is, with the option that reads it, in one error rather than the fields a
    /// description lacks.
    @Test func anotherKindOfFileGivenAsADescriptionIsNamed() throws {
        let directory = try TestSupport.temporaryDirectory()
        try FileManager.default.copyItem(
            atPath: TestSupport.path("frameworks/examples/common-mistakes.yaml"),
            toPath: directory.appendingPathComponent("shortcut.yaml").path)
        let tracking = directory.appendingPathComponent("shortcut-tracking.yaml").path
        try FileManager.default.copyItem(atPath: TestSupport.path("reviews/examples/shortcut.yaml"), toPath: tracking)
        let validated = try TestSupport.mupj(["validate", directory.path])
        #expect(validated.status == 0, "\(validated.stderr)")
        for (path, kind, readBy) in [
            (tracking, "tracking file", "give it with --tracking"),
            ("checklists/vo-operations.yaml", "catalog", "give it with --checklist"),
            ("reviews/prerequisites.yaml", "status file", "mupj status and mupj summary read it (--status-file)"),
        ] {
            let run = try TestSupport.mupj(["review", path == tracking ? directory.path : path])
            #expect(run.status == 1)
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 2, "\(run.stderr)")
            #expect(
                lines.first?.hasSuffix(
                    "error: this is a \(kind), not a framework description; \(readBy) (and keep it apart from the "
                        + "descriptions, if it is in their directory)") == true, "\(run.stderr)")
            #expect(lines.first?.hasPrefix(path) == true)
        }
    }

    @Test func fullReportSetIncludesTheSummary() throws {
        let directory = try TestSupport.temporaryDirectory().path
        let run = try TestSupport.mupj(["review", "frameworks/", "--output-dir", directory, "--fail-on", "never"])
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(
            files == [
                "mupj-reports.sha256", "review.html", "review.json", "review.md", "review.sarif", "review.txt",
                "summary.html", "summary.json", "summary.md",
            ])
    }

    /// With --format, only the formats given are written (no summary), the manifest lists
    /// exactly them, and standard error names every file written; `summary` writes its three.
    @Test func theFormatsGivenAreTheFilesWritten() throws {
        for (command, names) in [
            (["review", "--format", "json", "--format", "text", "--fail-on", "never"], ["review.json", "review.txt"]),
            (["summary"], ["summary.md", "summary.html", "summary.json"]),
        ] {
            let directory = try TestSupport.temporaryDirectory().path
            let run = try TestSupport.mupj(command + ["frameworks/dirac.yaml", "--output-dir", directory])
            #expect(run.status == 0, "\(run.stderr)")
            let written = names + ["mupj-reports.sha256"]
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == written.sorted())
            #expect(run.stderr == "wrote " + written.map { "\(directory)/\($0)" }.joined(separator: ", ") + "\n")
            #expect(run.stdout.isEmpty)
            let manifest = try String(contentsOfFile: directory + "/mupj-reports.sha256", encoding: .utf8)
            let listed = manifest.split(separator: "\n").map { $0.split(separator: " ").last.map(String.init) ?? "" }
            #expect(listed.sorted() == names.sorted(), "\(manifest)")
        }
    }

    /// `--output-dir` leaves the files of the user's alone, names each, and writes nothing;
    /// `--force` replaces them, and says that another name (a hard link) of one still leads to the
    /// user's text. `--force` without a directory to write, or with `--check`, is a usage error.
    @Test func aFileOfTheUsersInTheOutputDirectoryIsKept() throws {
        let root = try TestSupport.temporaryDirectory().path
        let directory = root + "/reports"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let notes = directory + "/summary.md"
        let draft = directory + "/review.txt"
        try "# My notes\n".write(toFile: notes, atomically: true, encoding: .utf8)
        try "my draft\n".write(toFile: draft, atomically: true, encoding: .utf8)
        let kept = root + "/my-notes.md"
        #expect(link(notes, kept) == 0)
        let command = ["review", "frameworks/dirac.yaml", "--output-dir", directory, "--fail-on", "never"]
        let refused = try TestSupport.mupj(command)
        #expect(refused.status == 2)
        let lines = refused.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(refused.stderr)")
        for (line, path) in zip(lines, [draft, notes]) {
            let refusal = "\(path): error: mupj did not write this file, or it was changed since"
            #expect(line.hasPrefix(refusal), "\(line)")
        }
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "# My notes\n")
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(left == ["review.txt", "summary.md"])
        let forced = try TestSupport.mupj(command + ["--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(
            forced.stderr.hasSuffix(
                "\n\(notes): warning: the file replaced had 1 other name (a hard link), which still leads to the old "
                    + "text\n"), "\(forced.stderr)")
        #expect(forced.stderr.hasPrefix("wrote \(directory)/review.txt, "))
        #expect(try String(contentsOfFile: notes, encoding: .utf8).hasPrefix("# Security review of multi-user"))
        #expect(try String(contentsOfFile: kept, encoding: .utf8) == "# My notes\n")
        for (misuse, message) in [
            (["review", "frameworks/dirac.yaml", "--force"], "--force replaces files in --output-dir; give one"),
            (
                command + ["--force", "--check"],
                "--force and --check contradict each other: --check writes nothing; give one"
            ),
        ] {
            let run = try TestSupport.mupj(misuse)
            #expect(run.status == 2)
            #expect(run.stderr.hasPrefix("Error: \(message)\n"), "\(run.stderr)")
        }
    }

    /// Two commands writing reports into one directory take turns: each would otherwise list only
    /// its own files in the manifest. Here the other command is this test, holding the lock until
    /// the command says it waits.
    @Test func reportWritersTakeTurns() throws {
        let directory = try TestSupport.temporaryDirectory().path
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY)
        #expect(descriptor >= 0 && flock(descriptor, LOCK_EX) == 0)
        let waiting = "waiting for another mupj command writing reports in \(directory)\n"
        let run = try TestSupport.mupj(
            ["review", "frameworks/dirac.yaml", "--format", "json", "--output-dir", directory, "--fail-on", "never"],
            whenStandardErrorHolds: waiting
        ) { close(descriptor) }
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == waiting + "wrote \(directory)/review.json, \(directory)/mupj-reports.sha256\n")
        #expect(FileManager.default.fileExists(atPath: directory + "/review.json"))
    }

    @Test func committedReportsAreCurrent() throws {
        let run = try TestSupport.mupj([
            "review", "frameworks/", "--output-dir", "reports", "--check", "--fail-on", "never",
        ])
        #expect(run.status == 0, "reports/ is stale; regenerate with the README's main job:\n\(run.stderr)")
    }
}

/// The hidden benchmark command's own interface: its help, and the profiling mode that runs one
/// operation over given files (the benchmark itself is a figure-printing run, not a test).
@Suite struct BenchCLITests {
    @Test func helpIsShownNotTakenForACommandToRun() throws {
        let run = try TestSupport.mupj(["bench", "--help"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("USAGE: mupj bench"))
        #expect(run.stdout.contains("--profile <operation>"))
        #expect(!run.stdout.contains("== validate"), "the benchmark ran instead of the help")
    }

    /// The benchmark's child mode without a command to run is a usage error, not a crash.
    @Test func aChildToReportWithoutACommandIsAUsageError() throws {
        let run = try TestSupport.mupj(["bench", "--report-child-to", "/dev/null"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("Error: --report-child-to needs the command to run, after --\n"), "\(run.stderr)")
    }

    /// An error nothing foresaw (here the file system's, for a directory that cannot be made) is an
    /// internal error, exit 2, not the exit 1 that says "findings".
    @Test func anUnforeseenErrorExitsTwo() throws {
        let run = try TestSupport.mupj(["bench", "--part", "hostile", "--keep", "/proc/mupj-cannot-be-made"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("/proc/mupj-cannot-be-made"), "\(run.stderr)")
    }

    @Test func profileRunsTheOperationOverTheFiles() throws {
        for operation in ["validate", "review", "review-one-thread", "engine", "load", "libyaml"] {
            let run = try TestSupport.mupj([
                "bench", "--profile", operation, "--repeats", "2", "frameworks/dirac.yaml", "frameworks/alien.yaml",
            ])
            #expect(run.status == 0, "\(operation): \(run.stderr)")
            #expect(run.stdout.hasPrefix("\(operation): 2 runs over 2 files ("), "\(run.stdout)")
            #expect(run.stdout.contains("best ") && run.stdout.contains("mean "))
        }
    }

    @Test func profileRefusesWhatItCannotMeasure() throws {
        let unknown = try TestSupport.mupj(["bench", "--profile", "parse", "frameworks/dirac.yaml"])
        #expect(unknown.status == 2)
        #expect(
            unknown.stderr.contains(
                "--profile takes one of validate, review, review-one-thread, engine, load, libyaml, got 'parse'"))

        let noFiles = try TestSupport.mupj(["bench", "--profile", "validate"])
        #expect(noFiles.status == 2)
        #expect(noFiles.stderr.contains("--profile needs the files"))

        let missing = try TestSupport.mupj(["bench", "--profile", "validate", "no/such.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no/such.yaml: error: no such file"))

        let filesWithoutProfile = try TestSupport.mupj(["bench", "frameworks/dirac.yaml"])
        #expect(filesWithoutProfile.status == 2)
        #expect(filesWithoutProfile.stderr.contains("files are taken only with --profile"))

        let noRounds = try TestSupport.mupj(["bench", "--rounds", "0"])
        #expect(noRounds.status == 2)
        #expect(noRounds.stderr.contains("--rounds must be at least 1"))
        #expect(!noRounds.stdout.contains("== validate"), "the benchmark ran with no rounds")
    }

    @Test func profileOfAnInvalidDescriptionShowsItsErrors() throws {
        let directory = try TestSupport.temporaryDirectory()
        let file = directory.appendingPathComponent("bad.yaml")
        try "format: mupj/1\nframework: 3\n".write(to: file, atomically: true, encoding: .utf8)
        for operation in ["validate", "review"] {
            let run = try TestSupport.mupj(["bench", "--profile", operation, "--repeats", "1", file.path])
            #expect(run.status == 1)
            #expect(run.stderr.contains("\(file.path):2:12: error: expected a mapping (framework)"), "\(run.stderr)")
            #expect(run.stderr.contains("error: --profile \(operation) times valid input only"))
            #expect(run.stdout.isEmpty)
        }
        // The loader and the libyaml loop need YAML only.
        let load = try TestSupport.mupj(["bench", "--profile", "load", "--repeats", "1", file.path])
        #expect(load.status == 0, "\(load.stderr)")
        try "a: [1, 2\n".write(to: file, atomically: true, encoding: .utf8)
        let broken = try TestSupport.mupj(["bench", "--profile", "load", "--repeats", "1", file.path])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("\(file.path):2:1: error:"), "\(broken.stderr)")
    }

    /// The review is measured with the catalogs `mupj review` reads where it is run (here, the
    /// ones built in); where they do not load, there is nothing to measure: a failure of the run,
    /// said as the tool's error, not a usage error with the usage after it.
    @Test func theReviewNeedsTheCatalogs() throws {
        let elsewhere = try TestSupport.temporaryDirectory()
        let description = TestSupport.path("frameworks/dirac.yaml")
        let builtIn = try TestSupport.mupj(
            ["bench", "--profile", "review", "--repeats", "1", description], in: elsewhere)
        #expect(builtIn.status == 0, "\(builtIn.stderr)")
        let missing = ["MUPJ_CHECKLISTS": "/nonexistent"]
        let run = try TestSupport.mupj(
            ["bench", "--profile", "review", description], in: elsewhere, environment: missing)
        #expect(run.status == 2)
        #expect(
            run.stderr.hasPrefix("mupj: error: the review is measured with the catalogs `mupj review` would read here"),
            "\(run.stderr)")
        #expect(!run.stderr.contains("Usage:"), "\(run.stderr)")
        let validate = try TestSupport.mupj(
            ["bench", "--profile", "validate", "--repeats", "1", description], in: elsewhere, environment: missing)
        #expect(validate.status == 0, "validation needs no catalog: \(validate.stderr)")
    }
}

/// Colour only on a terminal, never with NO_COLOR set or on a terminal that says it is dumb.
/// `script` (util-linux) gives the run a terminal.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux's script is needed"))
struct ColourTests {
    func run(_ environment: String) throws -> String {
        let directory = try TestSupport.temporaryDirectory()
        let file = directory.appendingPathComponent("bad.yaml").path
        try "a: 1\n".write(toFile: file, atomically: true, encoding: .utf8)
        return try TestSupport.shell(
            "env -u NO_COLOR \(environment) script -qec \"$0 validate $1\" /dev/null", TestSupport.binary.path, file
        ).stdout
    }

    @Test func colouredOnATerminal() throws {
        #expect(try run("TERM=xterm").contains("\u{1B}[31merror:\u{1B}[0m"))
    }

    /// The review on a terminal: coloured, unless NO_COLOR is set to something or the terminal
    /// is dumb (an empty NO_COLOR does not count, as no-color.org has it); through a pipe, never.
    @Test func theReviewIsColouredOnATerminalOnly() throws {
        func review(_ environment: String) throws -> String {
            try TestSupport.shell(
                "env -u NO_COLOR \(environment) script -qec \"$0 review frameworks/examples/common-mistakes.yaml\" "
                    + "/dev/null", TestSupport.binary.path
            ).stdout
        }
        for (environment, coloured) in [
            ("TERM=xterm", true), ("TERM=xterm NO_COLOR=", true), ("TERM=xterm NO_COLOR=1", false),
            ("TERM=dumb", false),
        ] {
            let output = try review(environment)
            #expect(output.contains("Shortcut (EXAMPLE)"), "\(environment): \(output)")
            #expect(output.contains("\u{1B}[") == coloured, "\(environment)")
        }
        let piped = try TestSupport.shell(
            "env -u NO_COLOR TERM=xterm $0 review frameworks/examples/common-mistakes.yaml | cat",
            TestSupport.binary.path)
        #expect(piped.stdout.contains("Shortcut (EXAMPLE)"))
        #expect(!piped.stdout.contains("\u{1B}["))
    }

    @Test func neverWithNoColourOrADumbTerminal() throws {
        for environment in ["TERM=xterm NO_COLOR=1", "TERM=dumb"] {
            let output = try run(environment)
            #expect(output.contains("error: missing required field"), "\(environment): \(output)")
            #expect(!output.contains("\u{1B}["), "\(environment)")
        }
    }

    /// `-` from a terminal: a note says the command is waiting for a file to be typed, and what it
    /// is read as.
    @Test func aDashOnATerminalSaysItWaits() throws {
        for (arguments, kind) in [
            ("validate -", "a file to validate"), ("review -", "a description"),
            ("clauses --checklist -", "a catalog"),
            ("review frameworks/dirac.yaml --tracking -", "a tracking file"),
        ] {
            let output = try TestSupport.shell(
                "env NO_COLOR=1 script -qec \"$0 \(arguments)\" /dev/null < /dev/null", TestSupport.binary.path
            ).stdout
            #expect(output.contains("/dev/stdin: note: reading \(kind) typed here; end it with Ctrl-D"), "\(output)")
            #expect(output.contains("/dev/stdin:1:1: error: the file is empty"), "\(output)")
        }
    }

    /// Through a pipe there is no terminal, so no colour, whatever TERM says.
    @Test func notThroughAPipe() throws {
        let run = try TestSupport.mupj(["validate", "no/such.yaml"], environment: ["NO_COLOR": "", "TERM": "xterm"])
        #expect(run.stderr == "no/such.yaml: error: no such file or directory\n")
    }
}
